// The Apple Music parser: small hand-written CSVs whose answers are known by
// construction, then every fixture under fixtures/apple with counts computed
// independently by the python3 commands quoted beside the assertions.
#include "formats/apple_music.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "formats/csv.h"

namespace chorus::formats {
namespace {

using Fields = std::map<std::string, std::string>;

std::vector<std::string> SplitNames(std::string_view s) {
  std::vector<std::string> out;
  for (size_t pos = 0;;) {
    size_t comma = s.find(", ", pos);
    out.emplace_back(s.substr(pos, comma - pos));
    if (comma == std::string_view::npos) return out;
    pos = comma + 2;
  }
}

const std::vector<std::string> kHeader44 = SplitNames(
    "Apple Id Number, Apple Music Subscription, Artist Name, Build Version, Content Name, "
    "Content Provider, Content Specific Type, Device Identifier, End Position In Milliseconds, "
    "End Reason Type, Event End Timestamp, Event Reason Hint Type, Event Received Timestamp, "
    "Event Start Timestamp, Event Type, Feature Name, Genre, Item Type, Media Duration In "
    "Milliseconds, Media Type, Metrics Bucket Id, Metrics Client Id, Milliseconds Since Play, "
    "Offline, Original Title, Play Duration Milliseconds, Provided Audio Bit Depth, Provided "
    "Audio Channel, Provided Audio Sample Rate, Provided Bit Rate, Provided Codec, Provided "
    "Playback Format, Source Type, Start Position In Milliseconds, Store Country Name, Targeted "
    "Audio Bit Depth, Targeted Audio Channel, Targeted Audio Sample Rate, Targeted Bit Rate, "
    "Targeted Codec, Targeted Playback Format, User’s Audio Quality, User’s Playback Format, "
    "UTC Offset In Seconds");

const std::vector<std::string> kHeader118 = SplitNames(
    "Album Name, Apple ID Number, Apple Music Subscription, Auto Play, Build Version, Bundle "
    "Version, Camera Option, Client Build Version, Client Device Name, Client IP Address, "
    "Client Platform, Container Album Name, Container Artist Name, Container Global Playlist "
    "ID, Container ID, Container iTunes Playlist ID, Container Library ID, Container Name, "
    "Container Origin Type, Container Personalized ID, Container Playlist ID, Container Radio"
    " Station ID, Container Radio Station Version, Container Season ID, Container Type, "
    "Contingency, Device App Name, Device App Version, Device Identifier, Device OS Name, "
    "Device OS Version, Device Type, Display Count, Display Language, Display Type, End "
    "Position In Milliseconds, End Reason Type, Evaluation Variant, Event End Timestamp, "
    "Event ID, Event Post Date Time, Event Reason Hint Type, Event Received Timestamp, Event "
    "Start Timestamp, Event Timestamp, Event Type, Feature Name, Grouping, House ID, IP City,"
    " IP Country Code, IP Latitude, IP Longitude, IP Network, IP Network Type, IP Region "
    "Code, Is CMA Station, Is Collaborative, Is Delegated, Is Heatseeker Station, Is Heavy "
    "Rotation Station, Is Royalty, Is Vocal Attenuation, Item Type, Key Request, Lease Limit,"
    " Legacy Container Name, Legacy Playback ID, Local Radio Station ID, Local Radio Station "
    "TuneIn ID, Matched Content, Media Bundle App Name, Media Bundle Type, Media Duration In "
    "Milliseconds, Media Type, Metrics Client ID, Milliseconds Since Play, Offline, Ownership"
    " Type, Personalized Name, Play Duration Milliseconds, Provided Audio Bit Depth, Provided"
    " Audio Channel, Provided Audio Sample Rate, Provided Bit Rate, Provided Codec, Provided "
    "Playback Format, Provider ID, Radio Format, Radio Seed ID, Radio Station Country, Radio "
    "Station ID, Radio Station Position, Radio Type, Radio User ID, Referral ID, Repeat Play,"
    " Report Type, Session Is Shared, Shared Activity Devices-Current, Shared Activity "
    "Devices-Max, Shuffle Play, Siri Request, Song Name, Source Model, Source Radio Name, "
    "Source Radio Type, Source Type, Start Position In Milliseconds, Store Front Name, "
    "Subscribed State, Subscription Discovery Mode, Use Listening History, User’s Audio "
    "Quality, User’s Playback Format, UTC Offset In Seconds, Vocal Attenuation Duration, "
    "Vocal Attenuation Model ID");

// 118 columns minus two plus eighteen, alphabetical: positions all move.
std::vector<std::string> Header134() {
  std::vector<std::string> h;
  for (const auto& n : kHeader118)
    if (n != "Is Royalty" && n != "Legacy Container Name") h.push_back(n);
  for (auto n :
       SplitNames("Age Bucket, Carrier Name, ISO Country, Is Subscription Owner?, "
                  "Managed ID, Promotion Scenario ID, Royalty Free, Sales Order Vendor "
                  "ID, Shared Activity Type, Shelf Content Identifier, Shelf Content "
                  "Position, Shelf Index, Shelf Type, Shelf Visible, Subscription Bundle "
                  "ID, Subscription Offer ID, Subscription Pool Type, Subscription User ID"))
    h.push_back(n);
  std::sort(h.begin(), h.end());
  return h;
}

const std::vector<std::string> kDailyHeader = SplitNames(
    "Country, Track Identifier, Media type, Date Played, Hours, Play Duration Milliseconds, End "
    "Reason Type, Source Type, Play Count, Skip Count, Ignore For Recommendations, Track "
    "Reference, Track Description");

const std::vector<std::string> kRecentHeader = SplitNames(
    "Last Modified, Container Type, Container Description, Track Description, Ignore For "
    "Recommendations, Country, Container Reference, Track Reference, Feature Name, First Event "
    "Timestamp, Last End Reason Tyoe, Last Event End Timestamp, Last Event Received Timestamp, "
    "Last Event Start Timestamp, Max Event End Position in millis, Max Play Duration in millis, "
    "Media duration in millis, Media type, Min Event Start Position in millis, Total plays, "
    "Total skips, Total play duration in millis");

std::string Field(const std::string& v, bool quote_all) {
  if (!quote_all && v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// CSV text: the header, then one line per row (named values, others empty).
std::string Csv(const std::vector<std::string>& header, const std::vector<Fields>& rows,
                const std::string& eol = "\n", bool quote_all = false) {
  std::string out;
  auto line = [&](auto value_of) {
    for (size_t i = 0; i < header.size(); ++i)
      out += (i ? "," : "") + Field(value_of(header[i]), quote_all);
    out += eol;
  };
  line([](const std::string& n) { return n; });
  for (const auto& row : rows) {
    for (const auto& [name, value] : row)
      if (std::find(header.begin(), header.end(), name) == header.end())
        ADD_FAILURE() << "no column " << name;
    line([&](const std::string& n) { return row.count(n) ? row.at(n) : std::string(); });
  }
  return out;
}

std::unique_ptr<Dictionary> dict;

Result<PlayBatch> Parse(std::string_view text, AppleMusicNotes* notes = nullptr) {
  dict = std::make_unique<Dictionary>();
  return ParseAppleMusic("test.csv", text, *dict, notes);
}
std::string_view Name(StrId id) { return dict->strings().View(id); }

constexpr int64_t k2024 = 1704067200000;  // date -u -d 2024-01-01T00:00:00Z +%s → 1704067200

TEST(AppleMusic, OldSchema44PlaysAndNonPlays) {
  auto b = Parse(Csv(kHeader44,
                     {{{"Artist Name", "Band"},
                       {"Content Name", "Song, \"Live\""},
                       {"Event Start Timestamp", "2024-01-01T00:00:00.000Z"},
                       {"Event End Timestamp", "2024-01-01T00:03:00.000Z"},
                       {"Play Duration Milliseconds", "180000"},
                       {"Offline", "True"},
                       {"End Reason Type", "TRACK_SKIPPED_FORWARDS"},
                       {"Apple Id Number", "55501"},
                       {"Item Type", "ITUNES_STORE_CONTENT"}},
                      {{"Content Name", "Paused"},
                       {"Event End Timestamp", "2024-01-01T00:00:00Z"},
                       {"Play Duration Milliseconds", "0"}},
                      {{"Event Type", "LYRIC_DISPLAY"}, {"Content Name", "Song"}},
                      {{"Item Type", "AGGREGATE_NON_CATALOG_PLAY_TIME"},
                       {"Event End Timestamp", "2024-01-01T00:00:00Z"},
                       {"Play Duration Milliseconds", "5000"}},
                      {{"Content Name", "Scrub"},
                       {"Event End Timestamp", "2024-01-01T00:00:00Z"},
                       {"Play Duration Milliseconds", "-147000"}},
                      {{"Artist Name", "Band"},
                       {"Content Name", "Clip"},
                       {"Content Specific Type", "Music Video"},
                       {"Media Type", "VIDEO"},
                       {"Event Start Timestamp", "2024-01-01T00:00:00Z"},
                       {"Play Duration Milliseconds", "1000"}}},
                     "\r\n"));
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->format, "apple-play-activity");
  EXPECT_EQ(b->records, 6u);
  ASSERT_EQ(b->plays.size(), 2u);
  EXPECT_EQ(b->rejected, 4u);
  EXPECT_EQ(b->rejected_no_item, 4u);  // all by Apple's design, none damaged
  const Play& p = b->plays[0];
  EXPECT_EQ(p.end_ms, k2024 + 180000);
  EXPECT_EQ(p.ms_played, 180000u);
  EXPECT_EQ(p.source, Source::kAppleMusic);
  EXPECT_EQ(p.kind, Kind::kMusic);
  EXPECT_EQ(Name(p.item.title), "Song, \"Live\"");
  EXPECT_EQ(Name(p.item.artist), "Band");
  EXPECT_EQ(p.item.album, kNoString);
  EXPECT_EQ(p.reason_end, Reason::kForwardButton);
  EXPECT_EQ(p.skipped, Tri::kTrue);
  EXPECT_EQ(p.offline, Tri::kTrue);
  EXPECT_EQ(b->plays[1].kind, Kind::kVideo);
  EXPECT_EQ(b->plays[1].end_ms, k2024 + 1000);  // no End: Start + duration
  ASSERT_EQ(b->rejections.size(), 4u);
  EXPECT_EQ(b->rejections[0].record, 1u);
  EXPECT_EQ(b->rejections[0].field, "Play Duration Milliseconds");
  EXPECT_EQ(b->rejections[1].field, "Event Type");
  EXPECT_EQ(b->rejections[2].field, "Content Name");
  EXPECT_EQ(b->rejections[3].record, 4u);
  for (size_t i = 0; i < dict->strings().size(); ++i)
    EXPECT_EQ(Name(static_cast<StrId>(i)).find("55501"), std::string_view::npos);
}

TEST(AppleMusic, NewSchema118HasNoArtistAndSaysSo) {
  Fields base{{"Song Name", "Fool"},
              {"Album Name", "Tremors"},
              {"Event Type", "PLAY_END"},
              {"Event Start Timestamp", "2024-01-01T00:00:00.000Z"},
              {"Play Duration Milliseconds", "60000"},
              {"Client IP Address", "198.51.100.77"},
              {"Device Identifier", "ABCDEF123456"},
              {"Offline", "FALSE"},
              {"Shuffle Play", "SHUFFLE_OFF"},
              {"Device Type", "IPHONE"}};
  Fields album = base, playlist = base, amazon = base, start_only = base;
  album["Container Type"] = "ALBUM";
  album["Container Artist Name"] = "Sampha";
  album["Build Version"] = "iTunes/12.7 (Macintosh; OS X 10.12.6)";
  album["Device Type"] = "";
  playlist["Container Type"] = "PLAYLIST";
  playlist["Container Artist Name"] = "A Curator";
  amazon["Source Type"] = "AMAZON";
  start_only["Event Type"] = "PLAY_START";
  start_only["Play Duration Milliseconds"] = "";
  AppleMusicNotes notes;
  auto b = Parse(Csv(kHeader118, {base, album, playlist, amazon, start_only}), &notes);
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->format, "apple-play-activity");
  ASSERT_EQ(b->plays.size(), 4u);
  EXPECT_EQ(b->rejected, 1u);
  EXPECT_EQ(b->rejections[0].field, "Event Type");
  const Play& p = b->plays[0];
  EXPECT_EQ(p.end_ms, k2024 + 60000);
  EXPECT_EQ(p.item.artist, kNoString);  // unknown, never invented
  EXPECT_EQ(Name(p.item.album), "Tremors");
  EXPECT_EQ(p.offline, Tri::kFalse);
  EXPECT_EQ(p.shuffle, Tri::kFalse);
  EXPECT_EQ(p.device, Device::kPhone);
  EXPECT_EQ(Name(b->plays[1].item.artist), "Sampha");
  EXPECT_EQ(b->plays[1].device, Device::kDesktop);
  EXPECT_EQ(b->plays[2].item.artist, kNoString);  // a playlist's "artist" is not the track's
  EXPECT_EQ(b->plays[3].device, Device::kSpeaker);
  EXPECT_EQ(notes.columns, 118u);
  EXPECT_FALSE(notes.has_artist_column);
  EXPECT_EQ(notes.unknown_artist_plays, 3u);
  EXPECT_NE(notes.message.find("no artist column"), std::string::npos) << notes.message;
  for (size_t i = 0; i < dict->strings().size(); ++i) {
    std::string_view s = Name(static_cast<StrId>(i));
    EXPECT_TRUE(s.find("198.51.100") == s.npos && s.find("ABCDEF") == s.npos) << s;
  }
}

TEST(AppleMusic, Schema134EveryFieldQuoted) {
  auto header = Header134();
  ASSERT_EQ(header.size(), 134u);
  auto b = Parse(Csv(header,
                     {{{"Song Name", "V. 3005"},
                       {"Event End Timestamp", "2024-01-01T00:00:01Z"},
                       {"Play Duration Milliseconds", "696"},
                       {"Offline", "true"}}},
                     "\n", true));
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->plays.size(), 1u);
  EXPECT_EQ(b->plays[0].end_ms, k2024 + 1000);
  EXPECT_EQ(b->plays[0].offline, Tri::kTrue);
  EXPECT_EQ(Name(b->plays[0].item.title), "V. 3005");
}

TEST(AppleMusic, DailyTracksDayGranularity) {
  auto row = [](std::string date, std::string hours, std::string ms, std::string desc) {
    return Fields{
        {"Date Played", date},       {"Hours", hours},          {"Play Duration Milliseconds", ms},
        {"Track Description", desc}, {"Source Type", "IPHONE"}, {"Media type", "N/A"}};
  };
  auto b = Parse(
      Csv(kDailyHeader,
          {row("20240101", "2, 14", "60000", "A - B - C"),
           row("20240101", "", "1000", "Apple Music 1"), row("20240101", "3", "0", "A - Skipped"),
           row("20230229", "1", "5", "A - B"), row("20240101", "24", "5", "A - B")}));
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->format, "apple-daily-tracks");
  EXPECT_EQ(b->records, 5u);
  ASSERT_EQ(b->plays.size(), 2u);
  EXPECT_EQ(b->rejected, 3u);
  EXPECT_EQ(b->rejected_no_item, 1u);  // the 0 ms row; bad date and hour are damage
  EXPECT_EQ(b->plays[0].end_ms, k2024 + 15 * 3600000 - 1);  // last ms of hour 14
  EXPECT_EQ(Name(b->plays[0].item.artist), "A");
  EXPECT_EQ(Name(b->plays[0].item.title), "B - C");
  EXPECT_EQ(b->plays[0].device, Device::kPhone);
  EXPECT_EQ(b->plays[1].end_ms, k2024 + 86400000 - 1);  // no Hours: the day's last ms
  EXPECT_EQ(b->plays[1].item.artist, kNoString);
  EXPECT_EQ(b->rejections[1].field, "Date Played");
  EXPECT_EQ(b->rejections[1].record, 3u);
  EXPECT_EQ(b->rejections[2].field, "Hours");
}

TEST(AppleMusic, RecentlyPlayedWithApplesTypo) {
  Fields r{{"Container Type", "Album"},
           {"Container Description", "Joe - Spirited - Away"},
           {"Track Description", "Chieko - Ending Song"},
           {"Last End Reason Tyoe", "NATURAL_END_OF_TRACK"},
           {"Last Event End Timestamp", "2024-01-01T00:00:00.250Z"},
           {"Total play duration in millis", "353147"},
           {"Media type", "AUDIO"}};
  auto b = Parse(Csv(kRecentHeader, {r}, "\r\n"));
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->format, "apple-recently-played");
  ASSERT_EQ(b->plays.size(), 1u);
  const Play& p = b->plays[0];
  EXPECT_EQ(p.end_ms, k2024 + 250);
  EXPECT_EQ(p.ms_played, 353147u);
  EXPECT_EQ(Name(p.item.artist), "Chieko");
  EXPECT_EQ(Name(p.item.title), "Ending Song");
  EXPECT_EQ(Name(p.item.album), "Spirited - Away");
  EXPECT_EQ(p.reason_end, Reason::kTrackDone);
  EXPECT_EQ(p.skipped, Tri::kFalse);
}

TEST(AppleMusic, BadTimestampAndWrongColumnCountRejectTheRow) {
  std::string text = Csv(kRecentHeader, {{{"Track Description", "A - B"},
                                          {"Last Event End Timestamp", "2024-13-01T00:00:00Z"},
                                          {"Total play duration in millis", "1000"}}});
  text += "too,few,fields\n";
  auto b = Parse(text);
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->records, 2u);
  EXPECT_EQ(b->plays.size(), 0u);
  ASSERT_EQ(b->rejected, 2u);
  EXPECT_EQ(b->rejected_no_item, 0u);
  EXPECT_EQ(b->rejections[0].file, "test.csv");
  EXPECT_EQ(b->rejections[0].field, "Last Event End Timestamp");
  EXPECT_NE(b->rejections[0].reason.find("2024-13-01"), std::string::npos);
  EXPECT_EQ(b->rejections[1].record, 1u);
  EXPECT_EQ(b->rejections[1].field, "");
  EXPECT_EQ(b->rejections[1].reason, "3 fields where the header has 22 (line 3)");
}

TEST(AppleMusic, MalformedCsvIsAnErrorNamingFileAndLine) {
  auto b = Parse(Csv(kDailyHeader, {{{"Date Played", "20240101"}}}) + "x,\"never closes\n");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), Code::kInvalidInput);
  EXPECT_NE(b.status().message().find("test.csv"), std::string::npos);
  EXPECT_NE(b.status().message().find("line 3"), std::string::npos) << b.status().message();
  auto u = Parse(Csv(kDailyHeader, {{{"Track Description", "A - \xFF"}}}));
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.status().message().find("UTF-8"), std::string::npos);
}

TEST(AppleMusic, AnythingElseIsIgnored) {
  for (std::string_view text : {"", "[{\"ts\": \"2024-01-01T00:00:00Z\"}]", "a,b\n1,2\n",
                                "\"never closes", "Artist,Track,Played\n"}) {
    auto b = Parse(text);
    ASSERT_TRUE(b.ok()) << text;
    EXPECT_EQ(b->format, "ignored") << text;
    EXPECT_EQ(b->records, 0u);
  }
}

// --- Fixtures ---------------------------------------------------------------
//
// Every number below was computed independently with the one-off python3
// command (csv module) named beside it, run on the fixture F (strip the
// leading "// "). Each command prints, in this order: records plays rejected
// first_end_ms last_end_ms distinct_artists distinct_tracks total_ms
// video_plays plays_without_artist.
//
// [play-activity] Play Activity, every schema:
// python3 - "$F" <<'EOF'
// import csv, sys, datetime as D
// E, ms = D.datetime(1970, 1, 1, tzinfo=D.timezone.utc), D.timedelta(milliseconds=1)
// t = lambda s: (D.datetime.fromisoformat(s.replace('Z', '+00:00')) - E) // ms
// R = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
// P = []
// for r in R:
//     g = lambda k: r.get(k) or ''
//     ti = g('Content Name') or g('Song Name')
//     s, e = g('Event Start Timestamp'), g('Event End Timestamp')
//     d = g('Play Duration Milliseconds')
//     if g('Event Type') not in ('', 'PLAY_END') or g('Item Type') == 'AD' or not ti:
//         continue
//     m = int(d) if d else (t(e) - t(s) if s and e else 0)
//     if m <= 0:
//         continue
//     c = g('Container Type').upper() in ('ALBUM', 'ARTIST')
//     a = g('Artist Name') or (g('Container Artist Name') if c else '')
//     v = g('Media Type') == 'VIDEO' or g('Content Specific Type') == 'Music Video'
//     P.append((t(e) if e else t(s) + m, m, v, ti, a, g('Album Name')))
// print(len(R), len(P), len(R) - len(P), min(P)[0], max(P)[0], len({p[4] for p in P if p[4]}),
//       len({p[2:] for p in P}), sum(p[1] for p in P), sum(p[2] for p in P),
//       sum(not p[4] for p in P))
// EOF
//
// [daily-tracks]
// python3 - "$F" <<'EOF'
// import csv, sys, datetime as D
// E, ms = D.datetime(1970, 1, 1, tzinfo=D.timezone.utc), D.timedelta(milliseconds=1)
// R = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
// P = []
// for r in R:
//     m, x = int(r['Play Duration Milliseconds']), r['Track Description']
//     if m == 0 or not x:
//         continue
//     day = D.datetime.strptime(r['Date Played'], '%Y%m%d').replace(tzinfo=D.timezone.utc)
//     h = max(int(v) for v in r['Hours'].split(',')) if r['Hours'].strip() else 23
//     a, _, ti = x.partition(' - ') if ' - ' in x else ('', '', x)
//     v = r['Media type'] == 'VIDEO'
//     P.append(((day - E) // ms + (h + 1) * 3600000 - 1, m, v, ti, a))
// print(len(R), len(P), len(R) - len(P), min(P)[0], max(P)[0], len({p[4] for p in P if p[4]}),
//       len({p[2:] for p in P}), sum(p[1] for p in P), sum(p[2] for p in P),
//       sum(not p[4] for p in P))
// EOF
//
// [recently-played]
// python3 - "$F" <<'EOF'
// import csv, sys, datetime as D
// E, ms = D.datetime(1970, 1, 1, tzinfo=D.timezone.utc), D.timedelta(milliseconds=1)
// t = lambda s: (D.datetime.fromisoformat(s.replace('Z', '+00:00')) - E) // ms
// R = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
// P = []
// for r in R:
//     m, x = int(r['Total play duration in millis']), r['Track Description']
//     if m == 0 or not x:
//         continue
//     a, _, ti = x.partition(' - ') if ' - ' in x else ('', '', x)
//     c = r['Container Description'].partition(' - ')[2]
//     al = c if r['Container Type'] == 'Album' else ''
//     v = r['Media type'] == 'VIDEO'
//     P.append((t(r['Last Event End Timestamp']), m, v, ti, a, al))
// print(len(R), len(P), len(R) - len(P), min(P)[0], max(P)[0], len({p[4] for p in P if p[4]}),
//       len({p[2:] for p in P}), sum(p[1] for p in P), sum(p[2] for p in P),
//       sum(not p[4] for p in P))
// EOF

struct Expected {
  const char* path;
  const char* format;
  uint64_t records, plays, rejected;
  int64_t first, last;
  size_t artists, tracks;
  uint64_t ms, video, no_artist;
  std::vector<std::string> secrets;  // personal values that are in the file and must not be kept
};

// clang-format off
const std::vector<Expected> kFixtures = {
    // [play-activity]: 6059 4476 1583 1435891746783 1530680567580 724 1828 482811799 11 2
    // (first 2015-07-03T02:49:06.783Z, last 2018-07-04T05:02:47.580Z; the 2 plays without
    // artist are "Apple Music 1" STREAM rows)
    {"play-activity-44col/Apple Music Play Activity.csv", "apple-play-activity",
     6059, 4476, 1583, 1435891746783, 1530680567580, 724, 1828, 482811799, 11, 2, {"9626416040"}},
    // [play-activity]: 17 11 6 1437602647696 1642292789338 0 10 1080935 0 11
    // (no artist column; Container Artist Name empty in every row)
    {"new-schema-118col-daily-recent/Apple Music Play Activity small.csv", "apple-play-activity",
     17, 11, 6, 1437602647696, 1642292789338, 0, 10, 1080935, 0, 11,
     {"192.0.2.1", "2001:db8::1", "142850487"}},
    // [play-activity]: 20 13 7 1485017776369 1525363631812 0 13 1443067 0 13
    {"play-activity-134col/converted.csv", "apple-play-activity",
     20, 13, 7, 1485017776369, 1525363631812, 0, 13, 1443067, 0, 13, {"192.0.2.1", "25785911831"}},
    // [daily-tracks]: 128 100 28 1435683599999 1435795199999 76 95 25332744 0 2
    // (2015-06-30T16:59:59.999Z to 2015-07-01T23:59:59.999Z; 28 rows of Play Count 0, 0 ms)
    {"new-schema-118col-daily-recent/Apple Music - Play History Daily Tracks.csv",
     "apple-daily-tracks", 128, 100, 28, 1435683599999, 1435795199999, 76, 95, 25332744, 0, 2, {}},
    // [recently-played]: 40 40 0 1711135968017 1711253021580 8 40 4734539 0 0
    {"new-schema-118col-daily-recent/Apple Music - Recently Played Tracks.csv",
     "apple-recently-played", 40, 40, 0, 1711135968017, 1711253021580, 8, 40, 4734539, 0, 0, {}},
};
// clang-format on

// Values of the columns the fixtures README scrubbed, plus the user agents.
std::set<std::string> PersonalValues(std::string_view text) {
  static const std::set<std::string> kPersonal = {
      "Apple ID Number",   "Apple Id Number",   "Client IP Address", "Device Identifier",
      "Metrics Client ID", "Metrics Client Id", "IP City",           "IP Latitude",
      "IP Longitude",      "IP Network",        "IP Region Code",    "Build Version",
      "Client Device Name"};
  std::set<std::string> out;
  CsvReader reader(text);
  std::vector<std::string_view> f;
  std::vector<std::string> names;
  Status st;
  while (reader.Next(&f, &st)) {
    if (names.empty()) {
      names.assign(f.begin(), f.end());
      continue;
    }
    for (size_t i = 0; i < f.size() && i < names.size(); ++i)
      if (kPersonal.count(names[i]) && f[i].size() >= 6) out.emplace(f[i]);
  }
  return out;
}

TEST(AppleMusicFixtures, CountsMatchPythonAndNothingPersonalIsKept) {
  const std::string root = std::string(CHORUS_FIXTURES_DIR) + "/apple/";
  if (!std::filesystem::exists(root))
    GTEST_SKIP() << "Apple fixtures not found at " << root << " (../shared/fixtures)";
  for (const Expected& e : kFixtures) {
    SCOPED_TRACE(e.path);
    std::ifstream in(root + e.path, std::ios::binary);
    ASSERT_TRUE(in) << "missing fixture";
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    auto b = Parse(text);
    ASSERT_TRUE(b.ok()) << b.status().message();
    EXPECT_EQ(b->format, e.format);
    EXPECT_EQ(b->records, e.records);
    EXPECT_EQ(b->plays.size(), e.plays);
    EXPECT_EQ(b->rejected, e.rejected);
    EXPECT_EQ(b->rejected_no_item, e.rejected);  // every rejection is a non-play by design
    int64_t first = INT64_MAX, last = INT64_MIN;
    uint64_t ms = 0, video = 0, no_artist = 0;
    std::set<StrId> artists;
    std::set<uint32_t> tracks;
    for (const Play& p : b->plays) {
      first = std::min(first, p.end_ms), last = std::max(last, p.end_ms);
      ms += p.ms_played, video += p.kind == Kind::kVideo;
      no_artist += p.item.artist == kNoString;
      if (p.item.artist != kNoString) artists.insert(p.item.artist);
      tracks.insert(p.local_item);
    }
    EXPECT_EQ(first, e.first);
    EXPECT_EQ(last, e.last);
    EXPECT_EQ(artists.size(), e.artists);
    EXPECT_EQ(tracks.size(), e.tracks);
    EXPECT_EQ(ms, e.ms);
    EXPECT_EQ(video, e.video);
    EXPECT_EQ(no_artist, e.no_artist);

    std::set<std::string> secrets = PersonalValues(text);
    for (const auto& known : e.secrets) EXPECT_TRUE(secrets.count(known)) << known;
    for (size_t i = 0; i < dict->strings().size(); ++i)
      for (const auto& secret : secrets)
        EXPECT_EQ(Name(static_cast<StrId>(i)).find(secret), std::string_view::npos) << secret;
    for (const auto& r : b->rejections)
      for (const auto& secret : secrets) EXPECT_EQ(r.reason.find(secret), std::string::npos);
  }
}

}  // namespace
}  // namespace chorus::formats
