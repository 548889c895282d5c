// The YouTube readers on small hand-written inputs whose answers are known by
// construction, then on every fixture in ../shared/fixtures/youtube with
// counts computed independently in Python (the command is beside each).
#include "formats/youtube.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>
#include <utility>

#include "core/time_util.h"
#include "formats/youtube_entry.h"

namespace chorus::formats {
namespace {

std::unique_ptr<Dictionary> dict;  // names of the last parse

Result<PlayBatch> Json(std::string_view text) {
  dict = std::make_unique<Dictionary>();
  ByteBuffer buf;
  buf.Resize(text.size());
  if (!text.empty()) std::memcpy(buf.data(), text.data(), text.size());
  return ParseYouTubeJson("watch-history.json", buf, *dict);
}

Result<PlayBatch> Html(std::string_view text) {
  dict = std::make_unique<Dictionary>();
  return ParseYouTubeHtml("watch-history.html", text, *dict);
}

std::string_view Name(StrId id) { return dict->strings().View(id); }

void ExpectBalanced(const PlayBatch& b) {
  EXPECT_EQ(b.records, b.plays.size() + b.rejected) << b.file;
}

// A Takeout JSON entry; `extra` is spliced in before "time".
std::string JsonRow(std::string_view header, std::string_view title, std::string_view extra,
                    std::string_view time = "2024-03-01T12:00:00.250Z") {
  return fmt::format(
      R"({{"header": "{}", "title": "{}", {} "time": "{}", "products": ["YouTube"],
  "activityControls": ["YouTube watch history"]}})",
      header, title, extra, time);
}
constexpr std::string_view kWatchUrl =
    R"("titleUrl": "https://www.youtube.com/watch?v\u003dabcDEF12345",)";
std::string Channel(std::string_view name) {
  return fmt::format(
      R"("subtitles": [{{"name": "{}", "url": "https://www.youtube.com/channel/UC1"}}],)", name);
}

TEST(YouTubeJson, MusicRowFromTopicChannelIsAPlayWithoutDuration) {
  auto b = Json(
      "[" +
      JsonRow("YouTube Music", "Watched Song", std::string(kWatchUrl) + Channel("Band - Topic")) +
      "]");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->format, "youtube-watch-json");
  EXPECT_EQ(b->records, 1u);
  ASSERT_EQ(b->plays.size(), 1u);
  const Play& p = b->plays[0];
  EXPECT_EQ(p.end_ms,
            1709294400250);    // python3: datetime(2024,3,1,12,0,0,250000,utc) → 1709294400250
  EXPECT_EQ(p.ms_played, 0u);  // Takeout gives no duration: the start is the end
  EXPECT_EQ(p.kind, Kind::kMusic);
  EXPECT_EQ(p.source, Source::kYouTubeMusic);
  EXPECT_EQ(Name(p.item.title), "Song");
  EXPECT_EQ(Name(p.item.artist), "Band");
  EXPECT_EQ(Name(p.item.album), "");
  EXPECT_EQ(Name(p.item.uri), "youtube:abcDEF12345");  // \u003d decoded to '='
}

TEST(YouTubeJson, NonTopicChannelIsKeptAsTheUploader) {
  auto b =
      Json("[" + JsonRow("YouTube Music", "Watched Hit \\u0026 Run", Channel("BandVEVO")) + "]");
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->plays.size(), 1u);
  EXPECT_EQ(Name(b->plays[0].item.artist), "BandVEVO");
  EXPECT_EQ(Name(b->plays[0].item.title), "Hit & Run");
  EXPECT_EQ(Name(b->plays[0].item.uri), "");  // no titleUrl: names only
}

TEST(YouTubeJson, OtherRowsAreExplainedNoItemRejections) {
  std::string text =
      "[" + JsonRow("YouTube", "Watched Cat video", std::string(kWatchUrl) + Channel("Cats")) +
      "," + JsonRow("YouTube Music", "Watched a video that has been removed", "") + "," +
      JsonRow("YouTube Music", "Searched for band",
              R"("titleUrl": "https://music.youtube.com/search?q\u003dband",)") +
      "," + JsonRow("YouTube Music", "Watched Song", std::string(kWatchUrl)) + "]";
  auto b = Json(text);
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->records, 4u);
  EXPECT_EQ(b->plays.size(), 1u);
  EXPECT_EQ(b->rejected, 3u);
  EXPECT_EQ(b->rejected_no_item, 3u);
  ASSERT_EQ(b->rejections.size(), 3u);
  EXPECT_EQ(b->rejections[0].record, 0u);
  EXPECT_EQ(b->rejections[0].field, "header");
  EXPECT_EQ(b->rejections[0].file, "watch-history.json");
  EXPECT_EQ(b->rejections[1].record, 1u);
  EXPECT_EQ(b->rejections[1].field, "titleUrl");
  EXPECT_EQ(b->rejections[2].record, 2u);
  ExpectBalanced(b.value());
}

TEST(YouTubeJson, BadOrMissingTimeAndWrongTypesAreInvalidRejections) {
  std::string music = std::string(kWatchUrl) + Channel("A - Topic");
  std::string text = "[" + JsonRow("YouTube Music", "Watched A", music) + "," +
                     JsonRow("YouTube Music", "Watched B", music, "2024-02-30T00:00:00Z") + "," +
                     R"({"header": "YouTube Music", "title": "Watched C", "time": 5},)" +
                     R"({"header": 7, "title": "Watched D", "time": "2024-01-01T00:00:00Z"},)" +
                     R"({"title": "Watched E", "time": "2024-01-01T00:00:00Z"}, [])" + "]";
  auto b = Json(text);
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->records, 6u);
  EXPECT_EQ(b->plays.size(), 1u);
  EXPECT_EQ(b->rejected, 5u);
  EXPECT_EQ(b->rejected_no_item, 0u);
  ASSERT_EQ(b->rejections.size(), 5u);
  EXPECT_EQ(b->rejections[0].record, 1u);
  EXPECT_EQ(b->rejections[0].field, "time");
  EXPECT_NE(b->rejections[0].reason.find("2024-02-30T00:00:00Z"), std::string::npos);
  EXPECT_EQ(b->rejections[1].field, "time");
  EXPECT_EQ(b->rejections[1].reason, "expected a string, found a number");
  EXPECT_EQ(b->rejections[2].field, "header");
  EXPECT_EQ(b->rejections[3].field, "header");
  EXPECT_EQ(b->rejections[3].reason, "missing");
  EXPECT_EQ(b->rejections[4].record, 5u);
  EXPECT_EQ(b->rejections[4].reason, "expected an object, found an array");
}

TEST(YouTubeJson, UnknownTitleAndSecondsOnlyTime) {
  auto b =
      Json("[" +
           JsonRow("YouTube Music", "Watched https://www.youtube.com/watch?v\\u003dabcDEF12345",
                   kWatchUrl, "2021-03-14T12:00:00Z") +
           "]");
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->plays.size(), 1u);
  EXPECT_EQ(b->plays[0].end_ms, 1615723200000);  // python3: datetime(2021,3,14,12,tzinfo=utc)
  EXPECT_EQ(Name(b->plays[0].item.title), "");   // the URL is not a title
  EXPECT_EQ(Name(b->plays[0].item.uri), "youtube:abcDEF12345");
}

TEST(YouTubeJson, AccountAndDetailsAreNeverRead) {
  auto b = Json("[" +
                JsonRow("YouTube Music", "Watched Song",
                        std::string(kWatchUrl) + Channel("Band - Topic") +
                            R"("details": [{"name": "secret@example.com"}],
                              "description": "secret@example.com",)") +
                "]");
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->plays.size(), 1u);
  for (size_t i = 0; i < dict->strings().size(); ++i)
    EXPECT_EQ(dict->strings().View(static_cast<StrId>(i)).find("secret"), std::string_view::npos);
}

TEST(YouTubeJson, DetectsFromContent) {
  EXPECT_EQ(Json("[]")->format, "empty");
  EXPECT_EQ(Json("  \n")->format, "empty");
  EXPECT_EQ(Json(R"({"header": "YouTube"})")->format, "ignored");
  EXPECT_EQ(Json("[1, 2]")->format, "ignored");
  auto spotify = Json(R"([{"ts": "2024-01-01T00:00:00Z", "ms_played": 5}])");
  EXPECT_EQ(spotify->format, "ignored");
  EXPECT_EQ(spotify->records, 0u);
}

TEST(YouTubeJson, MalformedJsonFailsNamingTheFile) {
  auto b = Json(R"([{"header": "YouTube Music", "title": "Watched A", "time": )");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), Code::kInvalidInput);
  EXPECT_NE(b.status().message().find("watch-history.json"), std::string::npos);
  EXPECT_FALSE(Json("[] []").ok());
}

TEST(YouTubeUri, OnlyYouTubeWatchLinksNameAVideo) {
  std::string out;
  youtube_detail::VideoUri("https://music.youtube.com/watch?v=ab-_9&list=RD", out);
  EXPECT_EQ(out, "youtube:ab-_9");
  youtube_detail::VideoUri("https://www.youtube.com/watch?feature=x&v=XYZ", out);
  EXPECT_EQ(out, "youtube:XYZ");
  youtube_detail::VideoUri("https://youtu.be/XYZ?t=3", out);
  EXPECT_EQ(out, "youtube:XYZ");
  youtube_detail::VideoUri("https://www.google.com/url?q=https://www.youtube.com/watch?v=XYZ", out);
  EXPECT_EQ(out, "");
  youtube_detail::VideoUri("https://notyoutube.com/watch?v=XYZ", out);
  EXPECT_EQ(out, "");
  youtube_detail::VideoUri("https://www.youtube.com/watch?v=a%20b", out);
  EXPECT_EQ(out, "");
}

// An HTML activity cell as Takeout writes it.
std::string Cell(std::string_view header, std::string_view body) {
  return fmt::format(
      R"(<div class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp"><div class="mdl-grid"><div class="header-cell mdl-cell mdl-cell--12-col"><p class="mdl-typography--title">{}<br></p></div><div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1">{}</div><div class="content-cell mdl-cell mdl-cell--12-col mdl-typography--caption"><b>Products:</b><br>&emsp;YouTube<br><b>Details:</b><br>&emsp;secret@example.com<br></div></div></div>)",
      header, body);
}
std::string Page(std::string cells) {
  return R"(<html><head><style>.a{}</style></head><body><div class="mdl-grid">)" + cells +
         "</div></body></html>";
}
constexpr std::string_view kDate = "8 Dec 2025, 19:47:35 GMT+05:30";
constexpr int64_t kDateMs = 1765203455000;  // python3: datetime(2025,12,8,19,47,35,+05:30)

TEST(YouTubeHtml, MusicCellWithEntitiesAndTopicChannel) {
  std::string body = fmt::format(
      "Watched\xC2\xA0<a href=\"https://music.youtube.com/watch?v=MeC_9\">Rock &amp; Roll "
      "&#39;n&#x27; "
      "&quot;Blues&quot;</a><br><a href=\"https://www.youtube.com/channel/UC2\">Band &amp; Co - "
      "Topic</a><br>{}<br>",
      kDate);
  auto b = Html(Page(Cell("YouTube Music", body)));
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->format, "youtube-watch-html");
  ASSERT_EQ(b->plays.size(), 1u);
  const Play& p = b->plays[0];
  EXPECT_EQ(p.end_ms, kDateMs);
  EXPECT_EQ(p.ms_played, 0u);
  EXPECT_EQ(p.source, Source::kYouTubeMusic);
  EXPECT_EQ(Name(p.item.title), "Rock & Roll 'n' \"Blues\"");
  EXPECT_EQ(Name(p.item.artist), "Band & Co");
  EXPECT_EQ(Name(p.item.uri), "youtube:MeC_9");
  for (size_t i = 0; i < dict->strings().size(); ++i)
    EXPECT_EQ(dict->strings().View(static_cast<StrId>(i)).find("secret"), std::string_view::npos);
}

TEST(YouTubeHtml, OtherCellsRemovedAndBadDates) {
  std::string link = "Watched&nbsp;<a href=\"https://www.youtube.com/watch?v=abc\">Song</a><br>";
  std::string cells =
      Cell("YouTube", link + "<a href=\"https://www.youtube.com/channel/UC3\">Cats</a><br>" +
                          std::string(kDate) + "<br>") +
      Cell("YouTube Music",
           "Watched a video that has been removed<br>" + std::string(kDate) + "<br>") +
      Cell("YouTube Music", link + "<a href=\"https://x/channel/UC4\">NFVEVO</a><br>" +
                                std::string(kDate) + "<br>") +
      Cell("YouTube Music", link + "31 Sept 2025, 10:00:00 GMT+05:30<br>") +
      Cell("YouTube Music", link + "Jul 30, 2023, 10:27:03\u202fPM EDT<br>") +
      Cell("YouTube Music", link + "<br>") +
      Cell("YouTube Music",
           "Viewed\xC2\xA0<a href=\"https://www.youtube.com/post/Ugkx\">A post</a><br>"
           "<a href=\"https://www.youtube.com/channel/UC5\">Band - Topic</a><br>" +
               std::string(kDate) + "<br>");
  auto b = Html(Page(cells));
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->records, 7u);
  ASSERT_EQ(b->plays.size(), 2u);
  EXPECT_EQ(Name(b->plays[0].item.artist), "NFVEVO");  // not a Topic channel: the uploader
  EXPECT_EQ(b->plays[1].end_ms, 1690770423000);        // python3: 2023-07-30 22:27:03-04:00
  EXPECT_EQ(Name(b->plays[1].item.artist), "");        // no channel line
  EXPECT_EQ(b->rejected, 5u);
  EXPECT_EQ(b->rejected_no_item, 3u);
  ASSERT_EQ(b->rejections.size(), 5u);
  EXPECT_EQ(b->rejections[0].field, "header");
  EXPECT_EQ(b->rejections[1].field, "title");
  EXPECT_EQ(b->rejections[2].record, 3u);
  EXPECT_EQ(b->rejections[2].field, "time");
  EXPECT_FALSE(b->rejections[2].no_item);
  EXPECT_EQ(b->rejections[3].record, 5u);
  EXPECT_EQ(b->rejections[3].reason, "missing");  // the only line is the title
  EXPECT_EQ(b->rejections[4].record, 6u);         // a post by a music channel: not a watch
  EXPECT_TRUE(b->rejections[4].no_item);
  ExpectBalanced(b.value());
}

TEST(YouTubeHtml, DetectionAndMalformedInputNeverHang) {
  EXPECT_EQ(Html("")->format, "empty");
  EXPECT_EQ(Html("<html><body>hello</body></html>")->format, "ignored");
  auto other =
      Html(Page(Cell("Search", "Searched for <a href=\"x\">y</a><br>" + std::string(kDate))));
  EXPECT_EQ(other->format, "ignored");
  EXPECT_EQ(other->records, 0u);
  EXPECT_FALSE(Html(Page(Cell("YouTube", "\xFF"))).ok());  // not UTF-8
  for (std::string_view text :
       {"<div class=\"outer-cell", "<div class=\"outer-cell\"><p class=\"mdl-typography--title\">",
        "<div class=\"outer-cell\"><p class=\"mdl-typography--title\">YouTube Music<br><div "
        "class=\"content-cell\">Watched <a href=\"https://youtu.be/x",
        "<div class=\"outer-cell\"><p class=\"mdl-typography--title\">YouTube Music</p><div "
        "class=\"content-cell\">&#99999999999;&#;&amp<a<br><br>"}) {
    auto b = Html(text);
    ASSERT_TRUE(b.ok()) << text;
    ExpectBalanced(b.value());
  }
}

TEST(YouTubeDate, BothOrdersOffsetsAndAbbreviations) {
  int64_t ms = 0;
  EXPECT_TRUE(youtube_detail::ParseTakeoutDate(kDate, &ms));
  EXPECT_EQ(ms, kDateMs);
  EXPECT_TRUE(youtube_detail::ParseTakeoutDate("Jan 1, 2024, 12:05:09 AM PST", &ms));
  EXPECT_EQ(ms, 1704096309000);  // python3: datetime(2024,1,1,0,5,9,-08:00)
  EXPECT_TRUE(youtube_detail::ParseTakeoutDate("14 Sept 2021, 12:00:00 UTC", &ms));
  EXPECT_TRUE(youtube_detail::ParseTakeoutDate("14 Mar 2021, 12:00:00 GMT", &ms));
  EXPECT_EQ(ms, 1615723200000);
  for (std::string_view bad :
       {"8 Dec 2025, 19:47:35", "8 Dec 2025, 24:00:00 GMT", "8 Foo 2025, 19:47:35 GMT",
        "Feb 29, 2023, 1:00:00 PM EST", "8 Dec 2025, 13:00:00 PM GMT", "8 Dec 2025, 19:47:35 XYZ",
        "8 Dec 2025, 19:47:35 GMT+15:00", "8 Dec 2025 19:47:35 GMT+05:30 extra", ""})
    EXPECT_FALSE(youtube_detail::ParseTakeoutDate(bad, &ms)) << bad;
}

// --- Fixtures -------------------------------------------------------------

struct Expected {
  const char* path;  // under fixtures/youtube
  uint64_t records, plays, rejected, rejected_no_item;
  const char* first_end;
  const char* last_end;
  size_t artists, tracks, uris;
};

// clang-format off
// The oracles, independent of this code (Python's json module / html.parser),
// applying the same rules: a play is a "YouTube Music" entry with a watch
// link, or no link and a channel with a url; artist = channel minus " - Topic"; title
// minus "Watched ", empty when a URL; tracks = distinct (artist, title) with
// a title. Save the lines after "ORACLE:" (without "// ") as /tmp/yt.py, then
//   python3 /tmp/yt.py json ../shared/fixtures/youtube/json-ytm-2022/watch-history.json
// prints: records plays rejected first_end last_end artists tracks uris.
// ORACLE:
// import json,re,sys,datetime as D
// from html.parser import HTMLParser
// from urllib.parse import urlsplit as U,parse_qs as Q
// def vid(u):
//   s=U(u or '');h=s.hostname or ''
//   c=s.path[1:] if h=='youtu.be' else Q(s.query).get('v',[''])[0] if (h=='youtube.com' or h.endswith('.youtube.com')) and s.path=='/watch' else ''
//   return c if re.fullmatch(r'[A-Za-z0-9_-]{1,64}',c) else ''
// def play(h,title,url,ch,when):
//   v=vid(url)
//   if h!='YouTube Music' or not(v or (not url and ch is not None)):return None
//   t=re.sub('^Watched[ \xa0]','',title);t='' if t.startswith(('http://','https://')) or t=='a video that has been removed' else t
//   return (when(),t,re.sub(' - Topic$','',ch or ''),v)
// C=[]
// class H(HTMLParser):
//   m=None;dep=0
//   def handle_starttag(s,t,a):
//     a=dict(a);k=(a.get('class') or '').split()
//     if t=='div':
//       s.dep+=1
//       if 'outer-cell' in k:C.append(['',[[]],0]);s.m=None
//       elif 'content-cell' in k and C and not C[-1][2]:C[-1][2]=s.dep;s.m='b'
//     elif t=='p' and 'mdl-typography--title' in k:s.m='h'
//     elif s.m=='b' and t=='br':C[-1][1].append([])
//     elif s.m=='b' and t=='a':C[-1][1][-1].append(['a',a.get('href'),''])
//   def handle_endtag(s,t):
//     if t=='div':
//       if s.m=='b' and C[-1][2]==s.dep:s.m=None
//       s.dep-=1
//     elif t=='p' and s.m=='h':s.m=None
//     elif t=='a' and s.m=='b':C[-1][1][-1].append(['t',0,''])
//   def handle_data(s,d):
//     if s.m=='h':C[-1][0]+=d
//     elif s.m=='b':L=C[-1][1][-1];L.append(['t',0,'']) if not L else 0;L[-1][2]+=d
// M=dict(Jan=1,Feb=2,Mar=3,Apr=4,May=5,Jun=6,Jul=7,Aug=8,Sept=9,Oct=10,Nov=11,Dec=12)
// def when(x):
//   d,m,y,h,mi,s,g,oh,om=re.fullmatch(r'(\d+) (\w+) (\d+), (\d+):(\d+):(\d+) GMT([+-])(\d+):(\d+)',x).groups()
//   return D.datetime(int(y),M[m],int(d),int(h),int(mi),int(s),tzinfo=D.timezone((1 if g=='+' else -1)*D.timedelta(hours=int(oh),minutes=int(om))))
// P=[]
// if sys.argv[1]=='json':
//   d=json.load(open(sys.argv[2],encoding='utf-8'))
//   for e in d:
//     ch=next((s['name'] for s in e.get('subtitles',[]) if 'name' in s and 'url' in s),None)
//     P.append(play(e['header'],e.get('title',''),e.get('titleUrl'),ch,lambda:D.datetime.fromisoformat(e['time'].replace('Z','+00:00'))))
// else:
//   H().feed(open(sys.argv[2],encoding='utf-8').read());d=C
//   for h,ls,_ in C:
//     ls=[(''.join(x[2] for x in l if x[0]=='t').strip(' \n\xa0'),[x for x in l if x[0]=='a']) for l in ls];ls=[l for l in ls if l[0] or l[1]]
//     a=ls[0][1];ch=next((l[1][0][2] for l in ls[1:-1] if l[1]),None)
//     P.append(play(h.strip(),a[0][2] if a else ls[0][0],a[0][1] if a else '',ch,lambda:when(ls[-1][0])))
// P=[p for p in P if p];iso=lambda t:t.astimezone(D.timezone.utc).isoformat(timespec='milliseconds')
// print(len(d),len(P),len(d)-len(P),iso(min(P)[0]),iso(max(P)[0]),len({p[2] for p in P if p[2]}),len({p[1:3] for p in P if p[1]}),len({p[3] for p in P if p[3]}))
const Expected kFixtures[] = {
  // python3 /tmp/yt.py json .../json-ytm-2022/watch-history.json →
  // 4780 1078 3702 2022-04-11T03:27:24.780+00:00 2023-04-29T21:43:32.867+00:00 161 335 346
  // (every rejection is no-item: the oracle has no other kind, and no time fails)
  {"json-ytm-2022/watch-history.json", 4780, 1078, 3702, 3702,
   "2022-04-11T03:27:24.780Z", "2023-04-29T21:43:32.867Z", 161, 335, 346},
  // python3 /tmp/yt.py json .../json-legacy-2021-no-activitycontrols/watch-history.json →
  // 7344 60 7284 2021-02-08T02:42:22.166+00:00 2021-02-28T10:04:14.477+00:00 37 58 58
  {"json-legacy-2021-no-activitycontrols/watch-history.json", 7344, 60, 7284, 7284,
   "2021-02-08T02:42:22.166Z", "2021-02-28T10:04:14.477Z", 37, 58, 58},
  // python3 /tmp/yt.py html .../html-ytm-2025-gmt-offset/watch-history.html →
  // 1791 126 1665 2025-08-24T07:59:34.000+00:00 2025-10-10T23:21:03.000+00:00 72 86 87
  // (87 videos but 86 tracks: one music cell is titled by its URL and has no channel)
  {"html-ytm-2025-gmt-offset/watch-history.html", 1791, 126, 1665, 1665,
   "2025-08-24T07:59:34Z", "2025-10-10T23:21:03Z", 72, 86, 87},
};
// clang-format on

void PrintTo(const Expected& e, std::ostream* os) { *os << e.path; }

class YouTubeFixture : public ::testing::TestWithParam<Expected> {};

TEST_P(YouTubeFixture, CountsMatchTheIndependentOracle) {
  const std::string dir = std::string(CHORUS_FIXTURES_DIR) + "/youtube";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "YouTube fixtures not found at " << dir;
  const Expected& e = GetParam();
  std::ifstream in(dir + "/" + e.path, std::ios::binary);
  ASSERT_TRUE(in) << e.path;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bool html = std::string_view(e.path).ends_with(".html");
  auto b = html ? Html(text) : Json(text);
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->format, html ? "youtube-watch-html" : "youtube-watch-json");
  EXPECT_EQ(b->records, e.records);
  EXPECT_EQ(b->plays.size(), e.plays);
  EXPECT_EQ(b->rejected, e.rejected);
  EXPECT_EQ(b->rejected_no_item, e.rejected_no_item);
  ExpectBalanced(b.value());
  ASSERT_FALSE(b->plays.empty());
  auto [lo, hi] =
      std::minmax_element(b->plays.begin(), b->plays.end(),
                          [](const Play& x, const Play& y) { return x.end_ms < y.end_ms; });
  EXPECT_EQ(FormatIsoUtc(lo->end_ms), e.first_end);
  EXPECT_EQ(FormatIsoUtc(hi->end_ms), e.last_end);
  std::set<StrId> artists, uris;
  std::set<std::pair<StrId, StrId>> tracks;
  for (const Play& p : b->plays) {
    EXPECT_EQ(p.ms_played, 0u);
    if (p.item.artist != kNoString) artists.insert(p.item.artist);
    if (p.item.title != kNoString) tracks.insert({p.item.artist, p.item.title});
    if (p.item.uri != kNoString) uris.insert(p.item.uri);
  }
  EXPECT_EQ(artists.size(), e.artists);
  EXPECT_EQ(tracks.size(), e.tracks);
  EXPECT_EQ(uris.size(), e.uris);
}

INSTANTIATE_TEST_SUITE_P(YouTube, YouTubeFixture, ::testing::ValuesIn(kFixtures));

}  // namespace
}  // namespace chorus::formats
