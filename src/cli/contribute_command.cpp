// `chorus contribute EXPORT... (--out c.json | --coop URL --token T) [--json]
// [--threads N]`: builds the contribution the co-op would receive, entirely
// on this machine, shows exactly what it holds and how the co-op's checks
// judge it, and writes its canonical bytes (--out), uploads them (--coop:
// only these bytes leave the machine, never the export), or both.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

#include "cli/commands.h"
#include "cli/coop_client.h"
#include "contribution/contribution.h"
#include "coop/proof.h"
#include "core/file_util.h"
#include "core/time_util.h"
#include "importer/import.h"

namespace chorus::cli {

namespace {

struct ContributeArgs {
  std::vector<std::string> paths;
  std::string out;
  std::string coop;
  std::string token;
  bool json = false;
  unsigned threads = 0;
};

void PrintHuman(const contribution::Contribution& c, const std::vector<coop::Check>& checks,
                const coop::Quality& q, const std::string& out) {
  const contribution::Summary s = contribution::Summarize(c);
  fmt::print("What would be shared ({}):\n", out);
  fmt::print("  sources       {}\n", fmt::join(c.sources, ", "));
  fmt::print("  months        {} ({} … {})\n", c.months.size(),
             c.months.empty() ? "-" : c.months.front().month,
             c.months.empty() ? "-" : c.months.back().month);
  fmt::print("  plays         {} (music {}, podcast {}, audiobook {}), {:.1f} hours\n", s.plays,
             s.music, s.podcast, s.audiobook, static_cast<double>(s.ms_played) / 3.6e6);
  fmt::print("  artists       top {} of {} with monthly plays and minutes\n",
             c.artists_monthly.size(), c.artists);
  fmt::print("  transitions   {} artist-to-artist pairs with counts; {} DJ transitions\n",
             c.transitions.size(), c.dj.transitions);
  fmt::print(
      "  statistics    per month: plays by kind, streams, time, skips, hour and weekday "
      "(UTC), end reasons\n");
  fmt::print("  fields        {}\n",
             c.fields.empty() ? "-" : fmt::format("{}", fmt::join(c.fields, ", ")));
  fmt::print("  accounts      {} digest(s) (a hash, never the user name)\n",
             c.account_digests.size());
  fmt::print("  signature     128 MinHash values (to spot the same history uploaded twice)\n");
  fmt::print("  not shared    track titles, timestamps of plays, IPs, devices, file names\n\n");
  fmt::print("Checks:\n");
  for (const auto& ch : checks)
    fmt::print("  {:<13} {}  {}\n", ch.id, ch.passed ? "pass" : "FAIL", ch.reason);
  fmt::print("\nQuality {:.4f}\n", q.score);
  for (const auto& comp : q.components)
    fmt::print("  {:<10} {:.4f} × {:.2f}  {}\n", comp.name, comp.value, comp.weight,
               comp.explanation);
}

// POSTs the canonical bytes with the member's bearer token; says what the
// co-op answered.
int Upload(const ContributeArgs& args, const std::string& bytes) {
  auto coop = ParseCoopUrl(args.coop);
  if (!coop.ok()) return Fail(coop.status());
  auto client = CoopClient(coop.value());
  client->set_bearer_token_auth(args.token.c_str());
  auto res = client->Post(coop->Api("/contributions").c_str(), bytes, "application/json");
  if (!res || res->status != 201) return Fail(ErrorOf(coop.value(), res));
  fmt::print("\nUploaded to {}: accepted, {} plays added ({} in all), quality {}\n", args.coop,
             JsonField(res->body, "/plays_added"), JsonField(res->body, "/plays_total"),
             JsonField(res->body, "/quality/score"));
  return kExitOk;
}

int RunContribute(const ContributeArgs& args) {
  if (args.out.empty() && args.coop.empty()) {
    return Fail(InvalidInput("say where the contribution goes: --out FILE, --coop URL, or both"));
  }
  if (!args.coop.empty() && args.token.empty()) {
    return Fail(
        InvalidInput("--coop needs the member's API token: --token T or CHORUS_TOKEN (`chorus "
                     "login --coop URL --email E` makes one)"));
  }
  importer::ImportOptions options;
  options.paths = args.paths;
  options.threads = args.threads;
  auto imported = importer::Import(options);
  if (!imported.ok()) return Fail(imported.status());
  const importer::ImportResult& r = imported.value();
  if (r.rejected > r.rejected_no_item) {
    for (const auto& x : r.first_rejections) {
      if (x.no_item) continue;
      fmt::print(stderr, "chorus: {}: record {}{}{}: {}\n", x.file, x.record,
                 x.field.empty() ? "" : ", field ", x.field, x.reason);
      break;
    }
  }
  auto built = contribution::Build(r);
  if (!built.ok()) return Fail(built.status());
  const contribution::Contribution& c = built.value();
  const auto checks = coop::CheckAuthenticity(c);
  const auto quality = coop::ScoreQuality(c);
  const std::string bytes = contribution::ToJson(c);
  if (!args.out.empty()) {
    Status written = WriteFileAtomically(args.out, bytes);
    if (!written.ok()) return Fail(written);
  }
  if (args.json) {
    fmt::print("{}\n", coop::ChecksJson(checks, quality));
  } else {
    PrintHuman(c, checks, quality, args.out.empty() ? args.coop : args.out);
  }
  if (!args.coop.empty()) {
    int uploaded = Upload(args, bytes);
    if (uploaded != kExitOk) return uploaded;
  }
  // Invalid records make the input bad, as for `chorus import`.
  return r.rejected > r.rejected_no_item ? kExitBadInput : kExitOk;
}

}  // namespace

void RegisterContributeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ContributeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "contribute",
      "Build the co-op contribution from exports on this machine, show what it holds and how\n"
      "the co-op's checks judge it, and write it (canonical JSON, --out) and/or upload it\n"
      "(--coop URL --token T): only the contribution leaves this machine, never the export.");
  cmd->add_option("EXPORT", args->paths, "export ZIPs, folders or files")
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_option("--out", args->out, "where to write the contribution JSON");
  cmd->add_option("--coop", args->coop, "upload it to this co-op (http://HOST:PORT)");
  cmd->add_option("--token", args->token, "the member's API token for --coop")
      ->envname("CHORUS_TOKEN");
  cmd->add_flag("--json", args->json, "print the checks and quality as JSON");
  cmd->add_option("--threads", args->threads, "parser threads (default: one per core)")
      ->check(CLI::Range(1u, 256u));
  cmd->callback([args, exit_code] { *exit_code = RunContribute(*args); });
}

}  // namespace chorus::cli
