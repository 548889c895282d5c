#include <malloc.h>
#include <unistd.h>

#include <cstdlib>

#include "cli/commands.h"

int main(int argc, char** argv) {
  // chorus reads hundreds of MB into buffers and columns it touches once:
  // on a VM, page faults were a fifth of `chorus report`'s time. glibc backs
  // malloc with transparent huge pages (2 MB, where the kernel's THP mode is
  // "madvise", Debian's default) only when told at start-up through
  // GLIBC_TUNABLES, so run once more with it set (about 1 ms; a caller's own
  // GLIBC_TUNABLES is left alone, and if the exec fails we simply go on).
  if (std::getenv("GLIBC_TUNABLES") == nullptr &&
      setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1) == 0) {
    execv("/proc/self/exe", argv);
  }
  // Keep freed memory in the heap for the next ~12 MB file instead of
  // returning it to the kernel and faulting fresh pages in again.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  return chorus::cli::RunCli(argc, argv);
}
