#include "core/malloc_tuning.h"

#include <malloc.h>
#include <unistd.h>

#include <cstdlib>

namespace chorus {

void TuneMallocForBulkData(char** argv) {
  // chorus reads hundreds of MB into buffers and columns it touches once:
  // on a VM, page faults were a fifth of `chorus report`'s time. glibc backs
  // malloc with transparent huge pages (2 MB, where the kernel's THP mode is
  // "madvise", Debian's default) only when told at start-up through
  // GLIBC_TUNABLES, so run once more with it set (about 1 ms).
  if (std::getenv("GLIBC_TUNABLES") == nullptr &&
      setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1) == 0) {
    execv("/proc/self/exe", argv);
  }
  // Keep freed memory in the heap for the next ~12 MB file (and the next
  // import's columns) instead of returning it to the kernel and faulting
  // fresh pages in again.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  // One heap for every thread. An import's threads allocate a few large
  // buffers each, so they do not contend for it; per-thread heaps instead
  // left the readers' buffers off huge pages (a 150 MB import took 0.22 s of
  // wall time with them, 0.13 s without), and kept memory a reader freed
  // out of reach of the thread that merges.
  mallopt(M_ARENA_MAX, 1);
}

}  // namespace chorus
