// Import: the whole pipeline from paths a user named to a finalized PlayLog,
// with an account of every record.
//
// Contract: files are discovered, loaded and parsed on `threads` workers
// (each with its own buffer, ZIP handle and JSON parser), and merged into the
// PlayLog strictly in discovery order, so the result is the same for any
// thread count. Workers run at most a few files ahead of the merge, which
// bounds memory to a few input files plus the log. A file that is not
// well-formed (bad JSON, bad UTF-8, ZIP over limits) fails the whole import
// with a Status naming it: no partial result. records == plays + duplicates
// + rejected, always. Readers' buffers outlive the call (a few idle ones,
// wiped of input) so the next import does not fault their pages in again.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/play.h"
#include "core/status.h"
#include "formats/input_set.h"
#include "formats/zip_reader.h"
#include "history/play_log.h"
#include "history/totals.h"

namespace chorus::importer {

struct ImportOptions {
  std::vector<std::string> paths;
  // Uploads held in memory (read after `paths`); never written to disk.
  std::vector<formats::MemoryFile> memory_files;
  unsigned threads = 0;  // 0: one per core
  formats::ZipLimits limits;
  // Called from the merging thread after each file: bytes done, bytes total.
  std::function<void(uint64_t, uint64_t)> progress;
  // Keep each thread's reader (buffers whose pages are faulted in already)
  // for the next import in this process, as a server importing upload after
  // upload wants. A one-shot import frees them before dedupe instead, which
  // lowers its peak memory.
  bool keep_readers = false;
};

struct FileReport {
  std::string path;
  std::string format;
  uint64_t records = 0;
  uint64_t rejected = 0;
};

struct ImportResult {
  std::vector<FileReport> files;
  uint64_t bytes = 0;
  uint64_t records = 0;
  uint64_t rejected = 0;          // all records that did not become a play
  uint64_t rejected_no_item = 0;  // of which: rows with nothing to count (expected)
  std::vector<Rejection> first_rejections;
  // Digests of the account identifiers the files named (formats/
  // account_digest.h), sorted and unique; never the identifiers themselves.
  std::vector<std::string> account_digests;
  history::DedupeStats dedupe;
  history::Totals totals;
  history::PlayLog log;
  // Wall time of the import's phases, for CHORUS_PROFILE and the benchmark.
  struct Phases {
    double read_parse_merge_ms = 0;  // discovery, loading, parsing, PlayLog::Append
    double dedupe_ms = 0;            // PlayLog::Finalize: sort and counting rules
    double totals_ms = 0;
  } phases;
};

Result<ImportResult> Import(const ImportOptions& options);

// True for formats that hold plays (not "ignored", "empty", "binary").
bool IsHistoryFormat(const std::string& format);

}  // namespace chorus::importer
