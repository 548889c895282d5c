// InputSet: Discover() over folders, loose files and ZIPs built at test time,
// and Load() of files and ZIP members.
#include "formats/input_set.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zip.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::formats {
namespace {

namespace fs = std::filesystem;

void WriteAll(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Writes a ZIP with the given (name, data) members; returns false on failure.
bool WriteZip(const fs::path& path,
              const std::vector<std::pair<std::string, std::string>>& members) {
  fs::create_directories(path.parent_path());
  int err = 0;
  zip_t* za = zip_open(path.string().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (za == nullptr) return false;
  for (const auto& [name, data] : members) {
    zip_source_t* src = zip_source_buffer(za, data.data(), data.size(), 0);
    if (src == nullptr) return false;
    if (zip_file_add(za, name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(src);
      zip_discard(za);
      return false;
    }
  }
  return zip_close(za) == 0;
}

class InputSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "chorus_input_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string P(const std::string& rel) const { return (dir_ / rel).string(); }

  fs::path dir_;
};

std::vector<std::string> Displays(const std::vector<InputFile>& files) {
  std::vector<std::string> out;
  for (const InputFile& f : files) out.push_back(f.display);
  return out;
}

const std::string kHistory = R"([{"endTime": "2024-01-01 10:00", "msPlayed": 1000}])";
const std::string kMember0 = R"([{"ts": "2024-01-01T10:00:37Z", "ms_played": 123456}])";
const std::string kMember1 = "[]\n";

TEST_F(InputSetTest, DiscoversFolderRecursivelyInSortedOrder) {
  WriteAll(dir_ / "root/b.json", kHistory);
  WriteAll(dir_ / "root/a/z.json", "[{}]");
  WriteAll(dir_ / "root/a/c/d.json", "  \n{\"k\": 1}");
  WriteAll(dir_ / "root/notes.txt", "hello, not json");
  ASSERT_TRUE(WriteZip(dir_ / "root/export.zip",
                       {{"Spotify Extended Streaming History/Audio_2024.json", kMember0},
                        {"Spotify Extended Streaming History/ReadMeFirst.pdf", "%PDF-1.4"}}));
  auto files = Discover({P("root")});
  ASSERT_TRUE(files.ok()) << files.status().message();
  std::vector<std::string> expected = {
      P("root/a/c/d.json"),
      P("root/a/z.json"),
      P("root/b.json"),
      P("root/export.zip") + "!Spotify Extended Streaming History/Audio_2024.json",
      P("root/export.zip") + "!Spotify Extended Streaming History/ReadMeFirst.pdf",
      P("root/notes.txt"),
  };
  EXPECT_EQ(Displays(files.value()), expected);

  const auto& f = files.value();
  ASSERT_EQ(f.size(), 6u);
  EXPECT_FALSE(f[2].in_zip);
  EXPECT_EQ(f[2].path, P("root/b.json"));
  EXPECT_EQ(f[2].size, kHistory.size());
  EXPECT_TRUE(f[2].maybe_text);
  EXPECT_TRUE(f[0].maybe_text);  // leading whitespace before '{'
  EXPECT_TRUE(f[3].in_zip);
  EXPECT_EQ(f[3].path, P("root/export.zip"));
  EXPECT_EQ(f[3].entry.name, "Spotify Extended Streaming History/Audio_2024.json");
  EXPECT_EQ(f[3].size, kMember0.size());
  EXPECT_TRUE(f[4].in_zip);
  EXPECT_FALSE(f[4].maybe_text);  // the PDF member
  EXPECT_FALSE(f[5].in_zip);
  EXPECT_TRUE(f[5].maybe_text);  // notes.txt: text, so the parsers look at it
}

TEST_F(InputSetTest, DiscoversLooseJsonFile) {
  WriteAll(dir_ / "StreamingHistory0.json", kHistory);
  auto files = Discover({P("StreamingHistory0.json")});
  ASSERT_TRUE(files.ok()) << files.status().message();
  ASSERT_EQ(files.value().size(), 1u);
  const InputFile& f = files.value()[0];
  EXPECT_EQ(f.display, P("StreamingHistory0.json"));
  EXPECT_EQ(f.path, P("StreamingHistory0.json"));
  EXPECT_FALSE(f.in_zip);
  EXPECT_EQ(f.size, kHistory.size());
  EXPECT_TRUE(f.maybe_text);
}

TEST_F(InputSetTest, DiscoversZipMembers) {
  ASSERT_TRUE(WriteZip(dir_ / "my_spotify_data.zip", {{"a.json", kMember0}, {"b.json", kMember1}}));
  auto files = Discover({P("my_spotify_data.zip")});
  ASSERT_TRUE(files.ok()) << files.status().message();
  EXPECT_EQ(Displays(files.value()),
            (std::vector<std::string>{P("my_spotify_data.zip") + "!a.json",
                                      P("my_spotify_data.zip") + "!b.json"}));
  for (const InputFile& f : files.value()) {
    EXPECT_TRUE(f.in_zip);
    EXPECT_EQ(f.path, P("my_spotify_data.zip"));
  }
  EXPECT_EQ(files.value()[1].size, kMember1.size());
}

TEST_F(InputSetTest, SniffsWhatMightBeJson) {
  struct Case {
    const char* name;
    std::string bytes;
    bool maybe_text;
  };
  std::vector<Case> cases = {
      {"array.json", "[]", true},
      {"object.json", "{}", true},
      {"bom.json", "\xEF\xBB\xBF[{\"a\": 1}]", true},
      {"spaces.json", " \t\r\n [", true},
      {"empty.json", "", true},  // let the parser say it is empty
      {"blank.json", "   \n", true},
      {"readme.txt", "Read me first", true},  // text: the parsers decide
      {"doc.pdf", "%PDF-1.4", false},
      {"image.png", "\x89PNG\r\n", false},
  };
  std::vector<std::string> paths;
  for (const Case& c : cases) {
    WriteAll(dir_ / c.name, c.bytes);
    paths.push_back(P(c.name));
  }
  auto files = Discover(paths);
  ASSERT_TRUE(files.ok()) << files.status().message();
  ASSERT_EQ(files.value().size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(files.value()[i].maybe_text, cases[i].maybe_text) << cases[i].name;
    EXPECT_EQ(files.value()[i].size, cases[i].bytes.size()) << cases[i].name;
  }
}

// Spotify's own export ZIPs always hold a ReadMe PDF next to the JSON files
// (fixtures/spotify/README.md "ZIPs"). A member whose first bytes rule out
// JSON must be listed as not readable history, as a loose PDF is; otherwise
// the importer loads it, the parser rejects it ("not valid UTF-8 text") and
// the whole import of a genuine export fails with exit code 2.
TEST_F(InputSetTest, ReadMePdfInsideZipIsNotMaybeJson) {
  const std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";
  WriteAll(dir_ / "loose/ReadMeFirst_ExtendedStreamingHistory.pdf", pdf);
  ASSERT_TRUE(
      WriteZip(dir_ / "my_spotify_data.zip",
               {{"Spotify Extended Streaming History/Streaming_History_Audio_2024.json", kMember0},
                {"Spotify Extended Streaming History/"
                 "ReadMeFirst_ExtendedStreamingHistory.pdf",
                 pdf}}));
  auto files = Discover({P("loose"), P("my_spotify_data.zip")});
  ASSERT_TRUE(files.ok()) << files.status().message();
  ASSERT_EQ(files.value().size(), 3u);
  EXPECT_FALSE(files.value()[0].maybe_text) << files.value()[0].display;  // loose: sniffed
  EXPECT_TRUE(files.value()[1].maybe_text) << files.value()[1].display;
  EXPECT_FALSE(files.value()[2].maybe_text) << files.value()[2].display;  // member: sniffed too
}

TEST_F(InputSetTest, FileNamedTwiceIsListedOnce) {
  WriteAll(dir_ / "root/a.json", kHistory);
  WriteAll(dir_ / "root/b.json", kHistory);
  ASSERT_TRUE(WriteZip(dir_ / "root/x.zip", {{"m.json", kMember0}}));
  auto files = Discover(
      {P("root/a.json"), P("root"), P("root/./a.json"), P("root/x.zip"), P("root/../root/x.zip")});
  ASSERT_TRUE(files.ok()) << files.status().message();
  EXPECT_EQ(Displays(files.value()), (std::vector<std::string>{P("root/a.json"), P("root/b.json"),
                                                               P("root/x.zip") + "!m.json"}));
}

TEST_F(InputSetTest, MissingPathIsNotFound) {
  WriteAll(dir_ / "ok.json", kHistory);
  auto files = Discover({P("ok.json"), P("missing/StreamingHistory9.json")});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().code(), Code::kNotFound);
  EXPECT_NE(files.status().message().find(P("missing/StreamingHistory9.json")), std::string::npos)
      << files.status().message();
}

TEST_F(InputSetTest, ZipOverLimitsFailsDiscovery) {
  ASSERT_TRUE(WriteZip(dir_ / "root/x.zip", {{"a.json", "[]"}, {"b.json", "[]"}}));
  ZipLimits limits;
  limits.max_entries = 1;
  auto files = Discover({P("root")}, limits);
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().code(), Code::kLimitExceeded);
}

TEST_F(InputSetTest, CorruptZipFailsDiscovery) {
  WriteAll(dir_ / "broken.zip", std::string("PK\x03\x04", 4) + std::string(200, 'x'));
  auto files = Discover({P("broken.zip")});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().code(), Code::kInvalidInput);
  EXPECT_NE(files.status().message().find(P("broken.zip")), std::string::npos);
}

// Fills a buffer with non-zero bytes, so Load must zero the padding itself.
void Dirty(ByteBuffer& buf, size_t n) {
  buf.Resize(n);
  std::memset(buf.data(), 0x5A, n + ByteBuffer::kPadding);
}

void ExpectLoaded(const ByteBuffer& buf, const std::string& expected) {
  ASSERT_EQ(buf.size(), expected.size());
  EXPECT_EQ(std::string(buf.data(), buf.size()), expected);
  for (size_t k = 0; k < ByteBuffer::kPadding; ++k) {
    ASSERT_EQ(buf.data()[buf.size() + k], '\0') << "padding byte " << k;
  }
}

TEST_F(InputSetTest, LoadsFileAndZipMembersExactlyWithZeroedPadding) {
  WriteAll(dir_ / "root/loose.json", kHistory);
  ASSERT_TRUE(WriteZip(dir_ / "root/one.zip", {{"a.json", kMember0}, {"b.json", kMember1}}));
  ASSERT_TRUE(WriteZip(dir_ / "root/two.zip", {{"c.json", kHistory}}));
  auto files = Discover({P("root")});
  ASSERT_TRUE(files.ok()) << files.status().message();
  ASSERT_EQ(files.value().size(), 4u);
  const std::vector<std::string> expected = {kHistory, kMember0, kMember1, kHistory};

  ZipCache cache;
  ByteBuffer buf;
  for (size_t i = 0; i < files.value().size(); ++i) {
    SCOPED_TRACE(files.value()[i].display);
    Dirty(buf, 4096);
    Status st = Load(files.value()[i], cache, &buf);
    ASSERT_TRUE(st.ok()) << st.message();
    ExpectLoaded(buf, expected[i]);
  }
  // Back to the first archive after the cache moved on, and to a file.
  Dirty(buf, 4096);
  ASSERT_TRUE(Load(files.value()[1], cache, &buf).ok());
  ExpectLoaded(buf, kMember0);
  Dirty(buf, 4096);
  ASSERT_TRUE(Load(files.value()[0], cache, &buf).ok());
  ExpectLoaded(buf, kHistory);
}

TEST_F(InputSetTest, LoadsEmptyFile) {
  WriteAll(dir_ / "empty.json", "");
  auto files = Discover({P("empty.json")});
  ASSERT_TRUE(files.ok()) << files.status().message();
  ZipCache cache;
  ByteBuffer buf;
  Dirty(buf, 100);
  ASSERT_TRUE(Load(files.value()[0], cache, &buf).ok());
  ExpectLoaded(buf, "");
}

TEST_F(InputSetTest, LoadOfAVanishedFileIsAnError) {
  WriteAll(dir_ / "gone.json", kHistory);
  auto files = Discover({P("gone.json")});
  ASSERT_TRUE(files.ok()) << files.status().message();
  fs::remove(dir_ / "gone.json");
  ZipCache cache;
  ByteBuffer buf;
  Status st = Load(files.value()[0], cache, &buf);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find(P("gone.json")), std::string::npos);
}

}  // namespace
}  // namespace chorus::formats
