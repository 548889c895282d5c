#include "importer/import.h"

#include <fmt/format.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/helper_thread.h"
#include "formats/account_digest.h"
#include "formats/file_parser.h"
#include "formats/input_set.h"

namespace chorus::importer {

namespace {

// Files a worker may finish ahead of the merge; bounds memory.
constexpr size_t kMaxAhead = 2;

// Buffers past this size are not kept beyond the file (or the import)
// that grew them: far beyond the 13 MB Spotify splits its files at.
constexpr size_t kKeepBytes = 64u << 20;

// What one thread needs to turn input files into batches.
struct Reader {
  formats::ZipCache zips;
  formats::ByteBuffer buffer;
  formats::FileParser parser;

  Result<PlayBatch> Read(const formats::InputFile& file, const formats::ZipLimits& limits) {
    if (!file.maybe_text) {
      PlayBatch batch;
      batch.file = file.display;
      batch.format = "binary";
      return batch;
    }
    CHORUS_RETURN_IF_ERROR(formats::Load(file, zips, &buffer, limits));
    auto batch = parser.Parse(file.display, buffer);
    if (buffer.capacity() > kKeepBytes) buffer.Release();
    return batch;
  }
};

// Readers idle between imports. A fresh reader faults every page of its
// buffers in (the inflated file, simdjson's structural index: ~30 MB touched
// for a Spotify file), which cost a fifth of an upload's CPU; a kept one
// reuses them. Kept readers hold no input: the archive handle is dropped and
// the buffers are wiped on the way in. At most one per core is kept.
class ReaderPool {
 public:
  std::unique_ptr<Reader> Acquire() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        std::unique_ptr<Reader> reader = std::move(idle_.back());
        idle_.pop_back();
        return reader;
      }
    }
    return std::make_unique<Reader>();
  }

  void Release(std::unique_ptr<Reader> reader) {
    if (reader->buffer.capacity() > kKeepBytes || reader->parser.capacity() > kKeepBytes) return;
    reader->zips = formats::ZipCache();
    reader->buffer.Wipe();
    reader->parser.Reset();
    std::lock_guard<std::mutex> lock(mu_);
    if (idle_.size() < std::max(1u, std::thread::hardware_concurrency()))
      idle_.push_back(std::move(reader));
  }

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<Reader>> idle_;
};

ReaderPool& Pool() {
  static ReaderPool pool;
  return pool;
}

// A pooled reader for one thread's share of an import, given back to the
// pool afterwards when `keep`, else freed.
class PooledReader {
 public:
  explicit PooledReader(bool keep) : reader_(Pool().Acquire()), keep_(keep) {}
  ~PooledReader() {
    if (keep_) Pool().Release(std::move(reader_));
  }
  PooledReader(const PooledReader&) = delete;
  PooledReader& operator=(const PooledReader&) = delete;
  Reader* operator->() { return reader_.get(); }

 private:
  std::unique_ptr<Reader> reader_;
  bool keep_;
};

// The export a file belongs to: the archive, or the folder of a loose file.
std::string ExportKey(const formats::InputFile& file) {
  if (file.in_zip) return file.path;
  return std::filesystem::path(file.path).parent_path().string();
}

// Folds batches into the result strictly in discovery order.
class Merger {
 public:
  Merger(const ImportOptions& options, const std::vector<formats::InputFile>& files)
      : options_(options), files_(files) {
    for (const auto& f : files) total_bytes_ += f.maybe_text ? f.size : 0;
  }

  void Add(size_t index, PlayBatch&& b) {
    result.files.push_back({b.file, b.format, b.records, b.rejected});
    result.bytes += b.bytes;
    result.records += b.records;
    result.rejected += b.rejected;
    result.rejected_no_item += b.rejected_no_item;
    for (Rejection& r : b.rejections) {
      if (result.first_rejections.size() < kMaxKeptRejections)
        result.first_rejections.push_back(std::move(r));
    }
    result.account_digests.insert(result.account_digests.end(), b.account_digests.begin(),
                                  b.account_digests.end());
    auto [it, inserted] =
        origins_.try_emplace(ExportKey(files_[index]), static_cast<uint16_t>(origins_.size()));
    result.log.Append(std::move(b), it->second);
    done_bytes_ += files_[index].maybe_text ? files_[index].size : 0;
    if (options_.progress) options_.progress(done_bytes_, total_bytes_);
  }

  ImportResult result;

 private:
  const ImportOptions& options_;
  const std::vector<formats::InputFile>& files_;
  std::map<std::string, uint16_t> origins_;
  uint64_t total_bytes_ = 0;
  uint64_t done_bytes_ = 0;
};

// One thread: read, parse and merge each file in turn.
Status RunSequential(const ImportOptions& options, const std::vector<formats::InputFile>& files,
                     Merger& merger) {
  PooledReader reader(options.keep_readers);
  for (size_t i = 0; i < files.size(); ++i) {
    auto batch = reader->Read(files[i], options.limits);
    if (!batch.ok()) return batch.status();
    merger.Add(i, std::move(batch).value());
  }
  return Status::Ok();
}

// Workers read and parse ahead; this thread merges in discovery order.
Status RunParallel(const ImportOptions& options, const std::vector<formats::InputFile>& files,
                   unsigned threads, Merger& merger) {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::optional<Result<PlayBatch>>> slots(files.size());
  size_t next_to_claim = 0;
  size_t next_to_merge = 0;
  bool abort = false;

  auto worker = [&] {
    PooledReader reader(options.keep_readers);
    for (;;) {
      size_t index;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] {
          return abort || next_to_claim >= files.size() ||
                 next_to_claim < next_to_merge + kMaxAhead + threads;
        });
        if (abort || next_to_claim >= files.size()) return;
        index = next_to_claim++;
      }
      auto batch = reader->Read(files[index], options.limits);
      {
        std::lock_guard<std::mutex> lock(mu);
        slots[index].emplace(std::move(batch));
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);

  Status failure;
  for (size_t i = 0; i < files.size(); ++i) {
    std::optional<Result<PlayBatch>> batch;
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return slots[i].has_value(); });
      batch.swap(slots[i]);
      next_to_merge = i + 1;
    }
    cv.notify_all();
    if (!batch->ok()) {
      failure = batch->status();
      break;
    }
    merger.Add(i, std::move(*batch).value());
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    abort = true;
  }
  cv.notify_all();
  for (auto& t : pool) t.join();
  return failure;
}

}  // namespace

bool IsHistoryFormat(const std::string& format) {
  return format != "ignored" && format != "empty" && format != "binary";
}

Result<ImportResult> Import(const ImportOptions& options) {
  auto started = std::chrono::steady_clock::now();
  auto discovered = formats::Discover(options.paths, options.limits);
  if (!discovered.ok()) return discovered.status();
  auto uploaded = formats::DiscoverMemory(options.memory_files, options.limits);
  if (!uploaded.ok()) return uploaded.status();
  std::vector<formats::InputFile>& files = discovered.value();
  for (auto& f : uploaded.value()) files.push_back(std::move(f));

  unsigned threads = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  threads = std::clamp(threads, 1u, std::max(1u, static_cast<unsigned>(files.size())));
  Merger merger(options, files);
  Status status = threads == 1 ? RunSequential(options, files, merger)
                               : RunParallel(options, files, threads, merger);
  if (!status.ok()) return status;
  if (!options.keep_readers) {
    // The allocator set-up keeps freed memory in the heap: hand the freed
    // readers' pages back, so the dedupe and what follows the import do not
    // stack their memory on top of them.
    malloc_trim(0);
  }
  ImportResult& result = merger.result;

  bool any_history = std::any_of(result.files.begin(), result.files.end(),
                                 [](const FileReport& f) { return IsHistoryFormat(f.format); });
  if (!any_history) {
    std::string named;
    for (const auto& p : options.paths) named += (named.empty() ? "" : ", ") + p;
    for (const auto& m : options.memory_files) named += (named.empty() ? "" : ", ") + m.name;
    return InvalidInput(fmt::format(
        "no listening history found in {} ({} files looked at); expected a "
        "Spotify export (my_spotify_data.zip, Streaming_History_*.json, "
        "endsong_*.json, StreamingHistory*.json), a Last.fm scrobble export, a Google "
        "Takeout YouTube watch history or a DJ history (Traktor NML, rekordbox XML, Mixxx "
        "mixxxdb.sqlite, Serato .session)",
        named, files.size()));
  }
  formats::SortUnique(result.account_digests);
  auto merged = std::chrono::steady_clock::now();
  // The phases after the parse have halves for a second core: keep one
  // thread for them throughout (see core/helper_thread.h).
  HelperThread helper(threads > 1);
  result.dedupe = result.log.Finalize(helper);
  auto finalized = std::chrono::steady_clock::now();
  result.totals = history::ComputeTotals(result.log, helper);
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  result.phases = {ms(started, merged), ms(merged, finalized),
                   ms(finalized, std::chrono::steady_clock::now())};
  if (std::getenv("CHORUS_PROFILE") != nullptr) {
    fmt::print(stderr,
               "profile: {} threads, {} items, {} strings; read+parse+merge {:.0f} ms, dedupe "
               "{:.0f} ms, totals {:.0f} ms\n",
               threads, result.log.items().size(), result.log.strings().size(),
               result.phases.read_parse_merge_ms, result.phases.dedupe_ms, result.phases.totals_ms);
  }
  return std::move(result);
}

}  // namespace chorus::importer
