#include "cli/commands.h"

int main(int argc, char** argv) { return chorus::cli::RunCli(argc, argv); }
