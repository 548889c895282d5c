#include "synth/writer.h"

#include <fmt/format.h>

#include <string_view>

namespace chorus::synth {
namespace {

void Put(std::string* out, std::string_view s) { out->append(s.data(), s.size()); }

void PutInt(std::string* out, int64_t v) {
  const fmt::format_int f(v);
  out->append(f.data(), f.size());
}

void PutUri(std::string* out, std::string_view prefix, const std::array<char, 22>& id) {
  out->push_back('"');
  Put(out, prefix);
  out->append(id.data(), id.size());
  out->push_back('"');
}

void PutTri(std::string* out, uint8_t v) {
  Put(out, v == kTrue ? "true" : (v == kFalse ? "false" : "null"));
}

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : (a - b + 1) / b; }

void Two(char* out, unsigned v) {
  out[0] = static_cast<char>('0' + v / 10);
  out[1] = static_cast<char>('0' + v % 10);
}

}  // namespace

void FormatTs(int64_t epoch_seconds, char* out) {
  const int64_t days = FloorDiv(epoch_seconds, 86400);
  const auto secs = static_cast<unsigned>(epoch_seconds - days * 86400);
  // civil_from_days (Howard Hinnant).
  const int64_t z = days + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const auto y = static_cast<unsigned>(static_cast<int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
  Two(out, y / 100 % 100);
  Two(out + 2, y % 100);
  out[4] = '-';
  Two(out + 5, m);
  out[7] = '-';
  Two(out + 8, d);
  out[10] = 'T';
  Two(out + 11, secs / 3600);
  out[13] = ':';
  Two(out + 14, secs / 60 % 60);
  out[16] = ':';
  Two(out + 17, secs % 60);
  out[19] = 'Z';
}

void AppendRow(const Catalogue& catalogue, const ListenerProfile& profile, const Play& play,
               std::string* out) {
  char ts[20];
  FormatTs(play.end_ms / 1000, ts);
  Put(out, "  {\n    \"ts\": \"");
  out->append(ts, sizeof(ts));
  Put(out, "\",\n    \"username\": ");
  Put(out, profile.json_username);
  Put(out, ",\n    \"platform\": ");
  Put(out, profile.devices[play.device].json_platform);
  Put(out, ",\n    \"ms_played\": ");
  PutInt(out, play.ms_played);
  Put(out, ",\n    \"conn_country\": \"");
  Put(out, CountryCode(play.country));
  Put(out, "\",\n    \"ip_addr\": ");
  Put(out, profile.json_ips[play.ip]);

  Put(out, ",\n    \"master_metadata_track_name\": ");
  if (play.kind == Kind::kMusic) {
    const Track& t = catalogue.tracks()[play.item];
    const Album& al = catalogue.albums()[t.album];
    Put(out, t.json_name);
    Put(out, ",\n    \"master_metadata_album_artist_name\": ");
    Put(out, catalogue.artists()[al.artist].json_name);
    Put(out, ",\n    \"master_metadata_album_album_name\": ");
    Put(out, al.json_name);
    Put(out, ",\n    \"spotify_track_uri\": ");
    PutUri(out, "spotify:track:", t.id);
  } else {
    Put(out,
        "null,\n    \"master_metadata_album_artist_name\": null,\n"
        "    \"master_metadata_album_album_name\": null,\n    \"spotify_track_uri\": null");
  }

  Put(out, ",\n    \"episode_name\": ");
  if (play.kind == Kind::kPodcast) {
    const Episode e = catalogue.ShowEpisode(play.item, play.sub);
    Put(out, e.json_name);
    Put(out, ",\n    \"episode_show_name\": ");
    Put(out, catalogue.shows()[play.item].json_name);
    Put(out, ",\n    \"spotify_episode_uri\": ");
    PutUri(out, "spotify:episode:", e.id);
  } else {
    Put(out, "null,\n    \"episode_show_name\": null,\n    \"spotify_episode_uri\": null");
  }

  Put(out, ",\n    \"audiobook_title\": ");
  if (play.kind == Kind::kAudiobook) {
    const Book& b = catalogue.books()[play.item];
    const Episode ch = catalogue.BookChapter(play.item, play.sub);
    Put(out, b.json_title);
    Put(out, ",\n    \"audiobook_uri\": ");
    PutUri(out, "spotify:show:", b.id);
    Put(out, ",\n    \"audiobook_chapter_uri\": ");
    PutUri(out, "spotify:episode:", ch.id);
    Put(out, ",\n    \"audiobook_chapter_title\": ");
    Put(out, ch.json_name);
  } else {
    Put(out,
        "null,\n    \"audiobook_uri\": null,\n    \"audiobook_chapter_uri\": null,\n"
        "    \"audiobook_chapter_title\": null");
  }

  Put(out, ",\n    \"reason_start\": ");
  Put(out, ReasonJson(play.reason_start));
  Put(out, ",\n    \"reason_end\": ");
  Put(out, ReasonJson(play.reason_end));
  Put(out, ",\n    \"shuffle\": ");
  PutTri(out, play.shuffle);
  Put(out, ",\n    \"skipped\": ");
  PutTri(out, play.skipped);
  Put(out, ",\n    \"offline\": ");
  PutTri(out, play.offline);
  Put(out, ",\n    \"offline_timestamp\": ");
  if (play.offline_ts_null) {
    Put(out, "null");
  } else {
    PutInt(out, (play.end_ms - play.ms_played) / 1000);
  }
  Put(out, ",\n    \"incognito_mode\": ");
  Put(out, play.incognito ? "true" : "false");
  Put(out, "\n  }");
}

}  // namespace chorus::synth
