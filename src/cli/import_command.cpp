// `chorus import PATH... [--json] [--tz ZONE] [--threads N]`
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "cli/commands.h"
#include "core/json_writer.h"
#include "core/time_util.h"
#include "importer/import.h"

namespace chorus::cli {

namespace {

constexpr uint64_t kProgressThresholdBytes = 50ull << 20;

struct ImportArgs {
  std::vector<std::string> paths;
  bool json = false;
  std::string tz;
  unsigned threads = 0;
};

std::string ToJson(const importer::ImportResult& r) {
  JsonWriter w;
  w.BeginObject().Key("files").BeginArray();
  for (const auto& f : r.files) {
    w.BeginObject()
        .Key("path")
        .String(f.path)
        .Key("format")
        .String(f.format)
        .Key("records")
        .Uint(f.records)
        .Key("rejected")
        .Uint(f.rejected)
        .EndObject();
  }
  w.EndArray();
  const auto& t = r.totals;
  w.Key("records")
      .Uint(r.records)
      .Key("plays")
      .Uint(t.plays)
      .Key("music")
      .Uint(t.music)
      .Key("podcast")
      .Uint(t.podcast)
      .Key("audiobook")
      .Uint(t.audiobook)
      .Key("streams")
      .Uint(t.streams)
      .Key("duplicates")
      .Uint(r.dedupe.total())
      .Key("rejected")
      .Uint(r.rejected);
  if (t.plays > 0) {
    w.Key("first_end").String(FormatIsoUtc(t.first_end_ms));
    w.Key("last_end").String(FormatIsoUtc(t.last_end_ms));
  } else {
    w.Key("first_end").Null().Key("last_end").Null();
  }
  w.Key("ms_played")
      .Uint(t.ms_played)
      .Key("tracks")
      .Uint(t.tracks)
      .Key("artists")
      .Uint(t.artists)
      .EndObject();
  return w.str() + "\n";
}

void PrintHuman(const importer::ImportResult& r, const std::string& zone) {
  fmt::print("Read {} file(s), {:.1f} MB\n", r.files.size(), static_cast<double>(r.bytes) / 1e6);
  for (const auto& f : r.files) {
    if (importer::IsHistoryFormat(f.format)) {
      fmt::print("  {}\n    {}, {} records, {} rejected\n", f.path, f.format, f.records,
                 f.rejected);
    } else {
      fmt::print("  {}\n    {} (not a listening history)\n", f.path, f.format);
    }
  }
  const auto& t = r.totals;
  const auto& d = r.dedupe;
  fmt::print("\n");
  fmt::print("records      {}\n", r.records);
  fmt::print("plays        {}  (music {}, podcast {}, audiobook {})\n", t.plays, t.music, t.podcast,
             t.audiobook);
  fmt::print("streams      {}  (music plays of 30 s or more, and Last.fm scrobbles)\n", t.streams);
  fmt::print(
      "duplicates   {}  (same item at the same second {}, same rows in overlapping "
      "exports {}, account rows merged into extended history {}, scrobbles of a play another "
      "source recorded {}, Apple summaries of plays Play Activity lists {})\n",
      d.total(), d.same_item, d.overlap, d.account_merged, d.cross_source, d.superseded);
  fmt::print(
      "rejected     {}  ({} rows with nothing to count: Spotify's all-null rows, Last.fm's "
      "now-playing row, YouTube rows that are not YouTube Music, Apple events that are not "
      "plays, rekordbox history entries without times; {} invalid)\n",
      r.rejected, r.rejected_no_item, r.rejected - r.rejected_no_item);
  if (t.plays > 0) {
    fmt::print("first end    {}\n", FormatIsoUtc(t.first_end_ms));
    fmt::print("last end     {}\n", FormatIsoUtc(t.last_end_ms));
  }
  fmt::print("ms played    {}  ({:.1f} hours)\n", t.ms_played,
             static_cast<double>(t.ms_played) / 3.6e6);
  fmt::print("tracks       {}\n", t.tracks);
  fmt::print("artists      {}\n", t.artists);
  fmt::print("time zone    {}\n", zone);
}

void PrintRejections(const importer::ImportResult& r) {
  if (r.rejected == r.rejected_no_item) return;
  fmt::print(stderr, "chorus: {} record(s) rejected as invalid; the first:\n",
             r.rejected - r.rejected_no_item);
  for (const auto& x : r.first_rejections) {
    if (x.no_item) continue;
    fmt::print(stderr, "  {}: record {}{}{}: {}\n", x.file, x.record,
               x.field.empty() ? "" : ", field ", x.field, x.reason);
  }
}

void ShowProgress(uint64_t done, uint64_t total) {
  constexpr int kWidth = 40;
  int filled = total == 0 ? kWidth : static_cast<int>(kWidth * done / total);
  fmt::print(stderr, "\r[{:<{}}] {:3}% {:.0f}/{:.0f} MB", std::string(filled, '#'), kWidth,
             total == 0 ? 100 : 100 * done / total, static_cast<double>(done) / 1e6,
             static_cast<double>(total) / 1e6);
  if (done >= total) fmt::print(stderr, "\n");
}

int RunImport(const ImportArgs& args) {
  auto zone = ResolveZone(args.tz);
  if (!zone.ok()) return Fail(zone.status());
  importer::ImportOptions options;
  options.paths = args.paths;
  options.threads = args.threads;
  if (isatty(STDERR_FILENO)) {
    options.progress = [shown = false](uint64_t done, uint64_t total) mutable {
      if (total < kProgressThresholdBytes) return;
      shown = true;
      ShowProgress(done, total);
    };
  }
  auto result = importer::Import(options);
  if (!result.ok()) return Fail(result.status());
  if (args.json) {
    fmt::print("{}", ToJson(result.value()));
  } else {
    PrintHuman(result.value(), zone.value());
  }
  PrintRejections(result.value());
  bool invalid = result->rejected > result->rejected_no_item;
  return invalid ? kExitBadInput : kExitOk;
}

}  // namespace

void RegisterImportCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Read Spotify exports (ZIPs, folders or files) and account for every record.\n"
      "Exit code 2 when a file is malformed or any record is invalid.");
  cmd->add_option("PATH", args->paths, "my_spotify_data.zip, an export folder, or JSON files")
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_flag("--json", args->json, "print the totals as JSON");
  cmd->add_option("--tz", args->tz, "IANA time zone for local times (default: the system's)");
  cmd->add_option("--threads", args->threads, "parser threads (default: one per core)")
      ->check(CLI::Range(1u, 256u));
  cmd->callback([args, exit_code] { *exit_code = RunImport(*args); });
}

}  // namespace chorus::cli
