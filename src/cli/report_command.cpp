// `chorus report PATH... [-o report.html] [--json report.json] [--tz ZONE]
//  [--year YYYY | --from DATE --to DATE] [--enrich FILE.csv] [--threads N]`
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

#include "cli/commands.h"
#include "core/file_util.h"
#include "importer/import.h"
#include "insights/features.h"
#include "insights/report.h"
#include "report/html.h"
#include "report/report_json.h"
#include "report/summary.h"

namespace chorus::cli {

namespace {

struct ReportArgs {
  std::vector<std::string> paths;
  std::string html, json, tz, from, to, enrich;
  int year = 0;
  unsigned threads = 0;
};

Result<insights::DayWindow> WindowOf(const ReportArgs& a) {
  insights::DayWindow w;
  if (a.year != 0) {
    bool ok = false;
    w.from = insights::DayFromLabel(fmt::format("{:04}-01-01", a.year), &ok);
    w.to = insights::DayFromLabel(fmt::format("{:04}-12-31", a.year), &ok);
    return w;
  }
  for (auto [text, slot, flag] : {std::tuple{&a.from, &w.from, "--from"}, {&a.to, &w.to, "--to"}}) {
    if (text->empty()) continue;
    bool ok = false;
    *slot = insights::DayFromLabel(*text, &ok);
    if (!ok) return InvalidInput(fmt::format("{} {}: expected a date YYYY-MM-DD", flag, *text));
  }
  if (w.from > w.to) return InvalidInput(fmt::format("--from {} is after --to {}", a.from, a.to));
  return w;
}

// CHORUS_PROFILE=1 prints where the time went, as `chorus import` does.
class PhaseTimer {
 public:
  PhaseTimer() : enabled_(std::getenv("CHORUS_PROFILE") != nullptr) {}
  void Mark(const char* phase) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    fmt::print(stderr, "profile: {} {} ms\n", phase,
               std::chrono::duration_cast<std::chrono::milliseconds>(now - last_).count());
    last_ = now;
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

int RunReport(const ReportArgs& args) {
  PhaseTimer timer;
  auto zone = ResolveZone(args.tz);
  if (!zone.ok()) return Fail(zone.status());
  auto window = WindowOf(args);
  if (!window.ok()) return Fail(window.status());
  std::optional<insights::AudioFeatures> features;
  if (!args.enrich.empty()) {
    auto loaded = insights::AudioFeatures::LoadCsv(args.enrich);
    if (!loaded.ok()) return Fail(loaded.status());
    features = std::move(loaded.value());
  }

  importer::ImportOptions options;
  options.paths = args.paths;
  options.threads = args.threads;
  auto imported = importer::Import(options);
  if (!imported.ok()) return Fail(imported.status());
  timer.Mark("import");
  insights::ReportOptions report_options;
  report_options.zone = zone.value();
  report_options.window = window.value();
  report_options.features = features ? &*features : nullptr;
  auto report = insights::ComputeReport(imported->log, report_options);
  if (!report.ok()) return Fail(report.status());
  timer.Mark("insights");

  const std::string generator = std::string("chorus ") + CHORUS_VERSION;
  if (!args.json.empty() || !args.html.empty()) {
    std::string json = report::ReportJson(report.value(), generator);
    if (!args.json.empty()) {
      if (Status s = WriteFileAtomically(args.json, json + "\n"); !s.ok()) return Fail(s);
    }
    if (!args.html.empty()) {
      if (Status s = WriteFileAtomically(args.html, report::ReportHtml(json)); !s.ok()) {
        return Fail(s);
      }
      fmt::print("Wrote {} ({} plays, {} to {})\n", args.html, report->totals.plays,
                 report->years.empty() ? 0 : report->years.front().key,
                 report->years.empty() ? 0 : report->years.back().key);
    }
  }
  if (args.html.empty()) fmt::print("{}", report::ReportSummary(report.value()));
  timer.Mark("render and write");
  return kExitOk;
}

}  // namespace

void RegisterReportCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Your listening report, computed on this machine from your exports: totals by year and\n"
      "month, top lists, listening clock, sessions, streaks, discovery, skips, taste phases,\n"
      "mood month by month and cross-platform views. Without -o, a terminal summary.");
  cmd->add_option("PATH", args->paths, "exports: ZIPs, folders or files (any supported service)")
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_option("-o,--output", args->html, "write the self-contained report.html here");
  cmd->add_option("--json", args->json, "write the report JSON (docs/report-schema.md) here");
  cmd->add_option("--tz", args->tz, "IANA time zone for local times (default: the system's)");
  auto* year = cmd->add_option("--year", args->year, "only this calendar year")
                   ->check(CLI::Range(1900, 2200));
  auto* from = cmd->add_option("--from", args->from, "first local day, YYYY-MM-DD");
  auto* to = cmd->add_option("--to", args->to, "last local day, YYYY-MM-DD");
  year->excludes(from)->excludes(to);
  cmd->add_option("--enrich", args->enrich,
                  "CSV of audio features: spotify_uri (or uri, track_uri, id) or artist + title,\n"
                  "and any of valence, energy, danceability (0-1) and tempo (BPM)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--threads", args->threads, "parser threads (default: one per core)")
      ->check(CLI::Range(1u, 256u));
  cmd->callback([args, exit_code] { *exit_code = RunReport(*args); });
}

}  // namespace chorus::cli
