#include <malloc.h>

#include "cli/commands.h"

int main(int argc, char** argv) {
  // chorus is a short-lived batch process that reads files of ~12 MB one
  // after another: keep freed memory in the heap for the next file instead of
  // returning it to the kernel and faulting fresh zeroed pages in again (page
  // faults were a fifth of `chorus report`'s time on a VM).
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  return chorus::cli::RunCli(argc, argv);
}
