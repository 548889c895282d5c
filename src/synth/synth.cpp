#include "synth/synth.h"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <system_error>
#include <utility>

#include "synth/catalog.h"
#include "synth/fake.h"
#include "synth/history.h"
#include "synth/listener.h"
#include "synth/writer.h"

namespace chorus::synth {
namespace {

namespace fs = std::filesystem;

constexpr int kLastYear = 2025;
constexpr const char* kHistoryDir = "Spotify Extended Streaming History";
// All ZIP entries carry the export's creation time, 2026-01-05 09:30:00 (DOS).
constexpr uint16_t kDosDate = ((2026 - 1980) << 9) | (1 << 5) | 5;
constexpr uint16_t kDosTime = (9 << 11) | (30 << 5);

// Appends one row (AppendRow or a fake's variant).
using RowWriter = std::function<void(const Play&, std::string*)>;

using Member = SynthFile;

int YearOf(int64_t end_ms) {
  char ts[20];
  FormatTs(end_ms / 1000, ts);
  return (ts[0] - '0') * 1000 + (ts[1] - '0') * 100 + (ts[2] - '0') * 10 + (ts[3] - '0');
}

std::string YearSpan(int first, int last) {
  return first == last ? fmt::format("{}", first) : fmt::format("{}-{}", first, last);
}

// Cuts `plays` into Audio files of about split_bytes each.
std::vector<Member> AudioFiles(const ListenerProfile& p, const std::vector<Play>& plays,
                               uint64_t split_bytes, const RowWriter& row) {
  std::vector<Member> files;
  const auto reserve = static_cast<size_t>(std::min<uint64_t>(split_bytes, 16u << 20) + 4096);
  std::string buf;
  buf.reserve(reserve);
  size_t start = 0;
  for (size_t i = 0; i < plays.size(); ++i) {
    buf += i == start ? "[\n" : ",\n";
    row(plays[i], &buf);
    if (buf.size() + 2 >= split_bytes || i + 1 == plays.size()) {
      buf += "\n]";
      const std::string name =
          fmt::format("Streaming_History_Audio_{}_{}.json",
                      YearSpan(YearOf(plays[start].end_ms), YearOf(plays[i].end_ms)), files.size());
      files.push_back({name, std::move(buf)});
      buf = std::string();
      buf.reserve(reserve);
      start = i + 1;
    }
  }
  if (files.empty()) {
    files.push_back(
        {fmt::format("Streaming_History_Audio_{}_0.json", YearSpan(p.first_year, kLastYear)),
         "[]"});
  }
  return files;
}

Member VideoFile(const ListenerProfile& p, const std::vector<Play>& plays, const RowWriter& row) {
  std::string buf = "[\n";
  for (size_t i = 0; i < plays.size(); ++i) {
    if (i > 0) buf += ",\n";
    row(plays[i], &buf);
  }
  buf += "\n]";
  const int first = plays.empty() ? p.first_year : YearOf(plays.front().end_ms);
  const int last = plays.empty() ? kLastYear : YearOf(plays.back().end_ms);
  return {fmt::format("Streaming_History_Video_{}.json", YearSpan(first, last)), std::move(buf)};
}

Status WriteFile(const fs::path& path, const std::string& data) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return IoError(fmt::format("cannot create {}", path.string()));
  const size_t n = std::fwrite(data.data(), 1, data.size(), f);
  const int closed = std::fclose(f);
  if (n != data.size() || closed != 0) {
    return IoError(fmt::format("cannot write {}", path.string()));
  }
  return Status::Ok();
}

// Removes synthetic output of an earlier run (our own names only).
Status RemoveStale(const fs::path& listener_dir) {
  std::error_code ec;
  fs::remove(listener_dir / "my_spotify_data.zip", ec);
  const fs::path history = listener_dir / kHistoryDir;
  if (!fs::is_directory(history, ec)) return Status::Ok();
  std::vector<fs::path> stale;
  for (fs::directory_iterator it(history, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("Streaming_History_", 0) == 0 && it->path().extension() == ".json") {
      stale.push_back(it->path());
    }
  }
  if (ec) return IoError(fmt::format("cannot list {}: {}", history.string(), ec.message()));
  for (const fs::path& path : stale) {
    if (!fs::remove(path, ec) || ec) return IoError(fmt::format("cannot remove {}", path.string()));
  }
  fs::remove(history, ec);  // only succeeds when now empty; that is fine either way
  return Status::Ok();
}

Status WriteZip(const fs::path& path, const std::vector<Member>& members) {
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (za == nullptr) return IoError(fmt::format("cannot create {}", path.string()));
  for (const Member& m : members) {
    const std::string name = fmt::format("{}/{}", kHistoryDir, m.name);
    zip_source_t* src = zip_source_buffer(za, m.data.data(), m.data.size(), 0);
    const zip_int64_t idx =
        src == nullptr ? -1 : zip_file_add(za, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
      if (src != nullptr) zip_source_free(src);
      std::string msg =
          fmt::format("cannot add {} to {}: {}", name, path.string(), zip_strerror(za));
      zip_discard(za);
      return IoError(std::move(msg));
    }
    const auto u = static_cast<zip_uint64_t>(idx);
    if (zip_set_file_compression(za, u, ZIP_CM_DEFLATE, 6) != 0 ||
        zip_file_set_dostime(za, u, kDosTime, kDosDate, 0) != 0) {
      std::string msg =
          fmt::format("cannot set {} in {}: {}", name, path.string(), zip_strerror(za));
      zip_discard(za);
      return IoError(std::move(msg));
    }
  }
  if (zip_close(za) != 0) {
    std::string msg = fmt::format("cannot write {}: {}", path.string(), zip_strerror(za));
    zip_discard(za);
    return IoError(std::move(msg));
  }
  return Status::Ok();
}

Status Account(const fs::path& path, SynthSummary* summary) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) return IoError(fmt::format("cannot stat {}: {}", path.string(), ec.message()));
  summary->bytes += size;
  summary->paths.push_back(path.string());
  return Status::Ok();
}

struct Histories {
  std::vector<Play> audio, video;
};

// The listener's rows for options.fake; may rename the account in `profile`.
Histories Generate(const Catalogue& c, ListenerProfile* profile, const SynthOptions& options) {
  const FakeKind kind = options.fake;
  if (kind == FakeKind::kUniform || kind == FakeKind::kOverlapping) {
    profile->json_username =
        fmt::format("\"synth-{}-{}-{}\"", options.seed, profile->index, FakeKindName(kind));
    // Fabricated from nothing: no Video rows.
    return {kind == FakeKind::kUniform ? UniformAudio(c, *profile, options.seed)
                                       : OverlappingAudio(c, *profile, options.seed),
            {}};
  }
  Histories h{GenerateAudio(c, *profile, options.seed), GenerateVideo(c, *profile, options.seed)};
  if (kind == FakeKind::kNone) return h;
  if (kind == FakeKind::kJunk) {
    profile->json_username = fmt::format("\"synth-{}-{}-junk\"", options.seed, profile->index);
    return h;
  }
  // A copy of the genuine history under another account name.
  profile->json_username = fmt::format("\"synth-{}-{}-copy\"", options.seed, profile->index);
  if (kind == FakeKind::kTimeShift) {
    ShiftPlays(kFakeShiftMs, &h.audio);
    ShiftPlays(kFakeShiftMs, &h.video);
  } else {
    Rng rng(Mix(Mix(options.seed, 0xD209ULL), static_cast<uint64_t>(profile->index)));
    h.audio = DropRows(h.audio, rng);
    h.video = DropRows(h.video, rng);
  }
  return h;
}

constexpr std::array<std::pair<FakeKind, const char*>, 5> kFakeNames{{
    {FakeKind::kUniform, "uniform"},
    {FakeKind::kTimeShift, "time-shift"},
    {FakeKind::kDropRows, "drop-rows"},
    {FakeKind::kOverlapping, "overlapping"},
    {FakeKind::kJunk, "junk"},
}};

}  // namespace

const char* FakeKindName(FakeKind kind) {
  for (const auto& [k, name] : kFakeNames) {
    if (k == kind) return name;
  }
  return "none";
}

Result<FakeKind> ParseFakeKind(std::string_view name) {
  for (const auto& [k, n] : kFakeNames) {
    if (name == n) return k;
  }
  return InvalidInput(fmt::format(
      "unknown fake kind '{}': expected uniform, time-shift, drop-rows, overlapping or junk",
      name));
}

ListenerRenderer::ListenerRenderer(const SynthOptions& options)
    : options_(options),
      catalogue_(Catalogue::Build(options.seed)),
      first_year_(kLastYear - options.years + 1) {}

std::vector<SynthFile> ListenerRenderer::Render(int listener, uint64_t* plays) const {
  ListenerProfile profile =
      BuildListener(catalogue_, options_.seed, listener, first_year_, options_.years);
  const auto [audio, video] = Generate(catalogue_, &profile, options_);
  Rng junk_rng(Mix(Mix(options_.seed, 0x7E4CULL), static_cast<uint64_t>(listener)));
  RowWriter row = [&](const Play& play, std::string* buf) {
    if (options_.fake == FakeKind::kJunk) {
      AppendJunkRow(catalogue_, profile, play, junk_rng, buf);
    } else {
      AppendRow(catalogue_, profile, play, buf);
    }
  };
  std::vector<Member> members = AudioFiles(profile, audio, options_.split_bytes, row);
  members.push_back(VideoFile(profile, video, row));
  if (plays != nullptr) *plays = audio.size() + video.size();
  return members;
}

Result<SynthSummary> WriteSynthetic(const SynthOptions& options) {
  if (options.listeners < 1 || options.listeners > 100000) {
    return InvalidInput(fmt::format("listeners must be 1..100000, got {}", options.listeners));
  }
  if (options.years < 1 || options.years > 40) {
    return InvalidInput(fmt::format("years must be 1..40, got {}", options.years));
  }
  if (options.out_dir.empty()) return InvalidInput("out_dir must not be empty");
  if (options.split_bytes < 4096) {
    return InvalidInput(
        fmt::format("split_bytes must be at least 4096, got {}", options.split_bytes));
  }
  std::error_code ec;
  const fs::path out(options.out_dir);
  fs::create_directories(out, ec);
  if (ec || !fs::is_directory(out, ec)) {
    return IoError(fmt::format("cannot create directory {}", out.string()));
  }

  const ListenerRenderer renderer(options);
  SynthSummary summary;
  for (int i = 1; i <= options.listeners; ++i) {
    uint64_t plays = 0;
    std::vector<Member> members = renderer.Render(i, &plays);
    const fs::path listener_dir = out / fmt::format("listener_{:04}", i);
    fs::create_directories(listener_dir, ec);
    if (ec) return IoError(fmt::format("cannot create directory {}", listener_dir.string()));
    CHORUS_RETURN_IF_ERROR(RemoveStale(listener_dir));
    if (options.zip) {
      const fs::path zip_path = listener_dir / "my_spotify_data.zip";
      CHORUS_RETURN_IF_ERROR(WriteZip(zip_path, members));
      CHORUS_RETURN_IF_ERROR(Account(zip_path, &summary));
    } else {
      const fs::path history = listener_dir / kHistoryDir;
      fs::create_directories(history, ec);
      if (ec) return IoError(fmt::format("cannot create directory {}", history.string()));
      for (const Member& m : members) {
        CHORUS_RETURN_IF_ERROR(WriteFile(history / m.name, m.data));
        CHORUS_RETURN_IF_ERROR(Account(history / m.name, &summary));
      }
    }
    summary.listeners += 1;
    summary.files += members.size();
    summary.plays += plays;
  }
  return summary;
}

}  // namespace chorus::synth
