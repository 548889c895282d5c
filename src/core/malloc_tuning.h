// TuneMallocForBulkData: the allocator set-up every chorus process that
// imports uses (the CLI and server, and the benchmarks that measure them).
//
// Contract: call first thing in main(), with main's argv. It may re-execute
// the program once (same argv) to set GLIBC_TUNABLES, so nothing may have
// happened before it that must not happen twice; a caller's own
// GLIBC_TUNABLES is left alone, and if the exec fails it simply goes on.
#pragma once

namespace chorus {

void TuneMallocForBulkData(char** argv);

}  // namespace chorus
