// ZipReader on archives built at test time with libzip's write API: exact
// reads, limits (bombs, entry counts, sizes), hostile names and corruption.
#include "formats/zip_reader.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::formats {
namespace {

namespace fs = std::filesystem;

struct Member {
  std::string name;
  std::string data;
  bool store = false;  // ZIP_CM_STORE instead of the default (deflate)
  bool dir = false;    // a directory entry (name without the trailing '/')
};

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteAll(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// An archive with no entries: just the end-of-central-directory record
// (libzip deletes the file rather than write an empty archive).
std::string EmptyZipBytes() { return std::string("PK\x05\x06", 4) + std::string(18, '\0'); }

// Random bytes (compress poorly), every byte value possible.
std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

class ZipReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "chorus_zip_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Writes `members` to dir_/name with libzip and returns the path.
  std::string MakeZip(const std::string& name, const std::vector<Member>& members) {
    std::string path = (dir_ / name).string();
    int err = 0;
    zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    EXPECT_NE(za, nullptr) << "zip_open error " << err;
    if (za == nullptr) return path;
    for (const Member& m : members) {
      if (m.dir) {
        EXPECT_GE(zip_dir_add(za, m.name.c_str(), ZIP_FL_ENC_UTF_8), 0) << zip_strerror(za);
        continue;
      }
      // The buffers stay alive (in `members`) until zip_close.
      zip_source_t* src = zip_source_buffer(za, m.data.data(), m.data.size(), 0);
      EXPECT_NE(src, nullptr) << zip_strerror(za);
      zip_int64_t idx = zip_file_add(za, m.name.c_str(), src, ZIP_FL_ENC_UTF_8);
      EXPECT_GE(idx, 0) << m.name << ": " << zip_strerror(za);
      if (idx < 0) {
        zip_source_free(src);
        continue;
      }
      if (m.store) {
        EXPECT_EQ(zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0), 0);
      }
    }
    EXPECT_EQ(zip_close(za), 0) << zip_strerror(za);
    return path;
  }

  fs::path dir_;
};

std::string ReadMember(ZipReader& reader, const ZipEntry& e) {
  ByteBuffer buf;
  Status st = reader.Read(e, &buf);
  EXPECT_TRUE(st.ok()) << st.message();
  return std::string(buf.data(), buf.size());
}

TEST(LooksLikeZip, Heads) {
  using namespace std::string_literals;
  EXPECT_TRUE(LooksLikeZip("PK\x03\x04"s));
  EXPECT_TRUE(LooksLikeZip("PK\x03\x04\x14\x00\x00\x00"s));
  EXPECT_TRUE(LooksLikeZip("PK\x05\x06"s + std::string(18, '\0')));  // empty archive
  EXPECT_FALSE(LooksLikeZip(""));
  EXPECT_FALSE(LooksLikeZip("P"));
  EXPECT_FALSE(LooksLikeZip("PK"));
  EXPECT_FALSE(LooksLikeZip("PK\x03"s));
  EXPECT_FALSE(LooksLikeZip("PK\x01\x02"s));  // central directory header first
  EXPECT_FALSE(LooksLikeZip("PK\x07\x08"s));  // spanning marker
  EXPECT_FALSE(LooksLikeZip("PK\x03\x05"s));
  EXPECT_FALSE(LooksLikeZip("pk\x03\x04"s));
  EXPECT_FALSE(LooksLikeZip("[{\"ts\": 1}]"));
  EXPECT_FALSE(LooksLikeZip("\xEF\xBB\xBF[]"));
  EXPECT_FALSE(LooksLikeZip("\x1f\x8b\x08\x00"s));  // gzip
  EXPECT_FALSE(LooksLikeZip(std::string(4, '\0')));
}

TEST_F(ZipReaderTest, ReadsMembersByteExact) {
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  std::vector<Member> members = {
      {"Spotify Extended Streaming History/Streaming_History_Audio_2024.json",
       R"([{"ts": "2024-01-01T00:00:00Z", "ms_played": 1}])"},
      {"binary.bin", all_bytes + std::string(1000, '\0') + all_bytes},
      {"empty.json", ""},
      {"stored.json", "[1, 2, 3]\n", /*store=*/true},
      {"random.bin", RandomBytes(300'000, 7)},
      {"zeros.bin", std::string(200'000, '\0')},
  };
  std::string path = MakeZip("a.zip", members);
  auto reader = ZipReader::OpenFile(path);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ(reader.value()->label(), path);
  const auto& entries = reader.value()->entries();
  ASSERT_EQ(entries.size(), members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    SCOPED_TRACE(members[i].name);
    EXPECT_EQ(entries[i].name, members[i].name);
    EXPECT_EQ(entries[i].size, members[i].data.size());
    std::string got = ReadMember(*reader.value(), entries[i]);
    EXPECT_EQ(got.size(), members[i].data.size());
    EXPECT_TRUE(got == members[i].data);
  }
  // Read order does not matter; a buffer is reused and re-padded.
  ByteBuffer buf;
  ASSERT_TRUE(reader.value()->Read(entries[4], &buf).ok());
  ASSERT_TRUE(reader.value()->Read(entries[0], &buf).ok());
  EXPECT_EQ(std::string(buf.data(), buf.size()), members[0].data);
  for (size_t k = 0; k < ByteBuffer::kPadding; ++k) EXPECT_EQ(buf.data()[buf.size() + k], '\0');
}

TEST_F(ZipReaderTest, OpenBufferReadsTheSameAsOpenFile) {
  std::vector<Member> members = {{"x.json", "[{\"a\": 1}]"}, {"y.bin", RandomBytes(5000, 3)}};
  std::string bytes = ReadAll(MakeZip("b.zip", members));
  auto reader = ZipReader::OpenBuffer("upload.zip", bytes.data(), bytes.size());
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ(reader.value()->label(), "upload.zip");
  const auto& entries = reader.value()->entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(ReadMember(*reader.value(), entries[0]), members[0].data);
  EXPECT_EQ(ReadMember(*reader.value(), entries[1]), members[1].data);
}

TEST_F(ZipReaderTest, DirectoryEntriesAreNotListed) {
  std::string path = MakeZip("dirs.zip", {{"Spotify Account Data", "", false, true},
                                          {"Spotify Account Data/StreamingHistory0.json", "[]"},
                                          {"empty folder", "", false, true}});
  auto reader = ZipReader::OpenFile(path);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  const auto& entries = reader.value()->entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].name, "Spotify Account Data/StreamingHistory0.json");
  EXPECT_EQ(ReadMember(*reader.value(), entries[0]), "[]");
}

TEST_F(ZipReaderTest, EmptyArchiveOpensWithNoEntries) {
  std::string bytes = EmptyZipBytes();
  ASSERT_TRUE(LooksLikeZip(bytes));
  fs::path path = dir_ / "empty.zip";
  WriteAll(path, bytes);
  auto file = ZipReader::OpenFile(path.string());
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_TRUE(file.value()->entries().empty());
  auto buffer = ZipReader::OpenBuffer("empty.zip", bytes.data(), bytes.size());
  ASSERT_TRUE(buffer.ok()) << buffer.status().message();
  EXPECT_TRUE(buffer.value()->entries().empty());
}

TEST_F(ZipReaderTest, ZipBombIsRefusedAndReadsWithRelaxedRatio) {
  const size_t kBomb = 64u << 20;
  std::string path = MakeZip("bomb.zip", {{"bomb.json", std::string(kBomb, '\0')}});
  auto refused = ZipReader::OpenFile(path);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kLimitExceeded);
  EXPECT_NE(refused.status().message().find("ZIP bomb"), std::string::npos)
      << refused.status().message();
  EXPECT_NE(refused.status().message().find("bomb.json"), std::string::npos);

  ZipLimits relaxed;
  relaxed.max_ratio = 1'000'000;
  auto reader = ZipReader::OpenFile(path, relaxed);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  ASSERT_EQ(reader.value()->entries().size(), 1u);
  const ZipEntry& e = reader.value()->entries()[0];
  EXPECT_EQ(e.size, kBomb);
  EXPECT_LT(e.compressed_size, kBomb / 200);
  ByteBuffer buf;
  Status st = reader.value()->Read(e, &buf);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(buf.size(), kBomb);
  EXPECT_TRUE(std::all_of(buf.data(), buf.data() + buf.size(), [](char c) { return c == 0; }));
}

TEST_F(ZipReaderTest, SmallMembersMayCompressWell) {
  // 1 MiB of zeros is far beyond 200:1 but at the ratio_applies_above bound.
  std::string path = MakeZip("small.zip", {{"zeros.json", std::string(1u << 20, '\0')}});
  auto reader = ZipReader::OpenFile(path);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ(reader.value()->entries().size(), 1u);
}

TEST_F(ZipReaderTest, EntryCountLimit) {
  std::string path = MakeZip("many.zip", {{"a.json", "[]"}, {"b.json", "[]"}, {"c.json", "[]"}});
  ZipLimits limits;
  limits.max_entries = 2;
  auto refused = ZipReader::OpenFile(path, limits);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kLimitExceeded);
  EXPECT_NE(refused.status().message().find(path), std::string::npos);
  limits.max_entries = 3;
  auto reader = ZipReader::OpenFile(path, limits);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ(reader.value()->entries().size(), 3u);
}

TEST_F(ZipReaderTest, TotalSizeLimit) {
  std::vector<Member> members = {{"a.bin", RandomBytes(1000, 1)},
                                 {"b.bin", RandomBytes(1000, 2)},
                                 {"c.bin", RandomBytes(1000, 3)}};
  std::string path = MakeZip("total.zip", members);
  ZipLimits limits;
  limits.max_total_bytes = 2999;
  auto refused = ZipReader::OpenFile(path, limits);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kLimitExceeded);
  limits.max_total_bytes = 3000;
  auto reader = ZipReader::OpenFile(path, limits);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ(reader.value()->entries().size(), 3u);
}

TEST_F(ZipReaderTest, EntrySizeLimit) {
  std::string path = MakeZip("entry.zip", {{"a.bin", RandomBytes(1000, 1)}});
  ZipLimits limits;
  limits.max_entry_bytes = 999;
  auto refused = ZipReader::OpenFile(path, limits);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kLimitExceeded);
  EXPECT_NE(refused.status().message().find("a.bin"), std::string::npos);
  limits.max_entry_bytes = 1000;
  EXPECT_TRUE(ZipReader::OpenFile(path, limits).ok());
}

TEST_F(ZipReaderTest, NamesOutsideTheArchiveAreRefused) {
  for (const char* name : {"../evil.json", "/abs.json", "dir/../../evil.json", "a/../b.json",
                           "..\\evil.json", "C:/evil.json"}) {
    SCOPED_TRACE(name);
    std::string path = MakeZip("evil.zip", {{"ok.json", "[]"}, {name, "[]"}});
    auto refused = ZipReader::OpenFile(path);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), Code::kInvalidInput);
    EXPECT_NE(refused.status().message().find("outside the archive"), std::string::npos)
        << refused.status().message();
  }
}

TEST_F(ZipReaderTest, DotsInsideNamesAreFine) {
  std::string path =
      MakeZip("dots.zip", {{"..notes.json", "[]"}, {"a/b..c.json", "[]"}, {"./x.json", "[]"}});
  auto reader = ZipReader::OpenFile(path);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ(reader.value()->entries().size(), 3u);
}

// Flips a byte in the middle of `needle` inside the archive file.
void CorruptInPlace(const std::string& path, std::string_view needle) {
  std::string bytes = ReadAll(path);
  size_t at = bytes.find(needle);
  ASSERT_NE(at, std::string::npos);
  bytes[at + needle.size() / 2] = static_cast<char>(bytes[at + needle.size() / 2] ^ 0x5A);
  WriteAll(path, bytes);
}

// Reads member `index` and expects it refused as bad input, with every one
// of `needles` in the message.
void ExpectReadRefused(ZipReader& reader, size_t index,
                       std::initializer_list<std::string_view> needles, ByteBuffer* buf) {
  Status st = reader.Read(reader.entries()[index], buf);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Code::kInvalidInput);
  for (std::string_view needle : needles)
    EXPECT_NE(st.message().find(needle), std::string::npos) << st.message();
}

// Where the first member's local header and central directory entry start.
struct MemberHeaders {
  size_t local, central;
  bool found() const { return local != std::string::npos && central != std::string::npos; }
};
MemberHeaders FindHeaders(const std::string& bytes) {
  MemberHeaders at{bytes.find(std::string("PK\x03\x04", 4)),
                   bytes.find(std::string("PK\x01\x02", 4))};
  EXPECT_TRUE(at.found());
  return at;
}

TEST_F(ZipReaderTest, CorruptStoredMemberFailsReadWithCrcError) {
  std::string data = RandomBytes(4096, 11);
  std::string path = MakeZip("crc.zip", {{"ok.json", "[]", true}, {"bad.bin", data, true}});
  CorruptInPlace(path, data);
  auto reader = ZipReader::OpenFile(path);
  ASSERT_TRUE(reader.ok()) << reader.status().message();  // the directory is intact
  ASSERT_EQ(reader.value()->entries().size(), 2u);
  EXPECT_EQ(ReadMember(*reader.value(), reader.value()->entries()[0]), "[]");
  ByteBuffer buf;
  ExpectReadRefused(*reader.value(), 1, {"CRC", "bad.bin"}, &buf);
}

TEST_F(ZipReaderTest, CorruptDeflatedMemberFailsReadCleanly) {
  // Compressible text so the deflated stream is there to damage.
  std::string data;
  for (int i = 0; i < 5000; ++i)
    data += "{\"ts\": \"2024-01-01\", \"n\": " + std::to_string(i) + "}";
  std::string path = MakeZip("deflate.zip", {{"bad.json", data}});
  std::string bytes = ReadAll(path);
  uint64_t csize = 0;
  {
    auto probe = ZipReader::OpenBuffer("probe", bytes.data(), bytes.size());
    ASSERT_TRUE(probe.ok()) << probe.status().message();
    csize = probe.value()->entries()[0].compressed_size;
  }
  // The first local header: 30 fixed bytes, then the name and extra field.
  auto u16 = [&](size_t at) {
    return static_cast<size_t>(static_cast<unsigned char>(bytes[at])) |
           static_cast<size_t>(static_cast<unsigned char>(bytes[at + 1])) << 8;
  };
  size_t start = 30 + u16(26) + u16(28);
  ASSERT_LT(start + static_cast<size_t>(csize), bytes.size());
  for (size_t k = 0; k < 8; ++k) {
    size_t at = start + static_cast<size_t>(csize) / 2 + k * 7;
    bytes[at] = static_cast<char>(bytes[at] ^ 0xA5);
  }
  WriteAll(path, bytes);
  auto reader = ZipReader::OpenFile(path);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  ByteBuffer buf;
  ExpectReadRefused(*reader.value(), 0, {"bad.json"}, &buf);
}

// Rewrites the declared uncompressed size of the only member, in both the
// local header and the central directory.
std::string WithDeclaredSize(std::string bytes, uint32_t size) {
  auto put32 = [&](size_t at) {
    for (size_t k = 0; k < 4; ++k) bytes[at + k] = static_cast<char>((size >> (8 * k)) & 0xFF);
  };
  MemberHeaders at = FindHeaders(bytes);
  if (!at.found()) return bytes;
  put32(at.local + 22);
  put32(at.central + 24);
  return bytes;
}

// A deflated member whose stream is intact but whose recorded CRC is not
// (in both the local header and the central directory).
TEST_F(ZipReaderTest, DeflatedMemberWithWrongCrcFailsRead) {
  std::string data;
  for (int i = 0; i < 3000; ++i) data += "{\"n\": " + std::to_string(i) + "}";
  std::string bytes = ReadAll(MakeZip("crc-deflate.zip", {{"crc.json", data}}));
  MemberHeaders at = FindHeaders(bytes);
  ASSERT_TRUE(at.found());
  bytes[at.local + 14] = static_cast<char>(bytes[at.local + 14] ^ 0x01);
  bytes[at.central + 16] = static_cast<char>(bytes[at.central + 16] ^ 0x01);
  auto reader = ZipReader::OpenBuffer("crc-deflate.zip", bytes.data(), bytes.size());
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  ByteBuffer buf;
  ExpectReadRefused(*reader.value(), 0, {"CRC", "crc.json"}, &buf);
}

TEST_F(ZipReaderTest, LyingHeaderIsCaughtWithoutOverrun) {
  std::string data(100'000, 'a');
  std::string bytes = ReadAll(MakeZip("lie.zip", {{"lie.json", data}}));
  for (uint32_t declared : {1000u, 200'000u}) {
    SCOPED_TRACE(declared);
    std::string lying = WithDeclaredSize(bytes, declared);
    auto reader = ZipReader::OpenBuffer("lie.zip", lying.data(), lying.size());
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    ASSERT_EQ(reader.value()->entries().size(), 1u);
    EXPECT_EQ(reader.value()->entries()[0].size, declared);
    ByteBuffer buf;
    ExpectReadRefused(*reader.value(), 0, {"lie.json"}, &buf);
    // Never more than the declared size (+1 byte, + padding) was allocated.
    EXPECT_LE(buf.capacity(), size_t{declared} + 1 + ByteBuffer::kPadding + (declared + 1) / 8);
  }
}

TEST_F(ZipReaderTest, GarbageAndTruncatedBuffersAreErrors) {
  std::string garbage = "this is not a ZIP archive, just some text pretending to be one";
  auto g = ZipReader::OpenBuffer("garbage.zip", garbage.data(), garbage.size());
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), Code::kInvalidInput);
  EXPECT_NE(g.status().message().find("garbage.zip"), std::string::npos);

  std::string fake_head = std::string("PK\x03\x04", 4) + RandomBytes(1000, 5);
  auto f = ZipReader::OpenBuffer("fake.zip", fake_head.data(), fake_head.size());
  EXPECT_FALSE(f.ok());

  std::string bytes = ReadAll(
      MakeZip("t.zip", {{"a.json", RandomBytes(4000, 1)}, {"b.json", RandomBytes(4000, 2)}}));
  for (size_t keep : {bytes.size() / 2, bytes.size() - 10, size_t{10}}) {
    SCOPED_TRACE(keep);
    auto t = ZipReader::OpenBuffer("truncated.zip", bytes.data(), keep);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.status().code(), Code::kInvalidInput);
  }
}

TEST_F(ZipReaderTest, MissingAndNonZipFilesAreErrors) {
  auto missing = ZipReader::OpenFile((dir_ / "nope.zip").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("nope.zip"), std::string::npos);
  fs::path text = dir_ / "text.zip";
  WriteAll(text, "[{\"not\": \"a zip\"}]");
  auto not_zip = ZipReader::OpenFile(text.string());
  ASSERT_FALSE(not_zip.ok());
  EXPECT_EQ(not_zip.status().code(), Code::kInvalidInput);
}

}  // namespace
}  // namespace chorus::formats
