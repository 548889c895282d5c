// `chorus synth --listeners N --years Y --seed S --out DIR [--zip] [--fake KIND]`
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "synth/synth.h"

namespace chorus::cli {

namespace {

int RunSynth(synth::SynthOptions options, const std::string& fake) {
  if (!fake.empty()) {
    auto kind = synth::ParseFakeKind(fake);
    if (!kind.ok()) return Fail(kind.status());
    options.fake = kind.value();
  }
  auto summary = synth::WriteSynthetic(options);
  if (!summary.ok()) return Fail(summary.status());
  if (options.fake != synth::FakeKind::kNone) {
    fmt::print("Fabricated ({}): ", synth::FakeKindName(options.fake));
  }
  fmt::print("Wrote {} listener(s), {} file(s), {} plays, {:.1f} MB to {}\n", summary->listeners,
             summary->files, summary->plays, static_cast<double>(summary->bytes) / 1e6,
             options.out_dir);
  return kExitOk;
}

}  // namespace

void RegisterSynthCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<synth::SynthOptions>();
  auto fake = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "synth",
      "Write realistic synthetic Spotify extended-history exports (deterministic per seed).");
  cmd->add_option("--listeners", options->listeners, "number of listeners")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--years", options->years, "full calendar years of history, ending 2025")
      ->check(CLI::Range(1, 30));
  cmd->add_option("--seed", options->seed, "random seed");
  cmd->add_option("--out", options->out_dir, "output folder (created if missing)")->required();
  cmd->add_flag("--zip", options->zip, "one my_spotify_data.zip per listener");
  cmd->add_option("--fake", *fake,
                  "write a fabricated history for fraud checks: uniform, time-shift, drop-rows, "
                  "overlapping or junk");
  cmd->callback([options, fake, exit_code] { *exit_code = RunSynth(*options, *fake); });
}

}  // namespace chorus::cli
