#include "cli/commands.h"
#include "core/malloc_tuning.h"

int main(int argc, char** argv) {
  chorus::TuneMallocForBulkData(argv);
  return chorus::cli::RunCli(argc, argv);
}
