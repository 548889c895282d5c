// Uploads are imported from memory, never from disk: the same bytes must give
// exactly what importing the files gives.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "importer/import.h"

namespace chorus::importer {
namespace {

namespace fs = std::filesystem;
const fs::path kSpotify = fs::path(CHORUS_FIXTURES_DIR) / "spotify";

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every file (ZIP or loose) under `folder`, sorted as Discover() sorts them.
std::vector<fs::path> FilesUnder(const fs::path& folder) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(folder)) {
    if (e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void ExpectSameImport(const fs::path& folder) {
  ImportOptions on_disk;
  on_disk.paths = {folder.string()};
  auto disk = Import(on_disk);
  ASSERT_TRUE(disk.ok()) << disk.status().message();

  std::vector<std::string> bytes;
  ImportOptions in_memory;
  for (const fs::path& p : FilesUnder(folder)) bytes.push_back(ReadAll(p));
  std::vector<fs::path> files = FilesUnder(folder);
  for (size_t i = 0; i < files.size(); ++i) {
    in_memory.memory_files.push_back({files[i].filename().string(), bytes[i]});
  }
  auto memory = Import(in_memory);
  ASSERT_TRUE(memory.ok()) << memory.status().message();

  EXPECT_EQ(memory.value().records, disk.value().records);
  EXPECT_EQ(memory.value().rejected, disk.value().rejected);
  EXPECT_EQ(memory.value().totals.plays, disk.value().totals.plays);
  EXPECT_EQ(memory.value().totals.ms_played, disk.value().totals.ms_played);
  EXPECT_EQ(memory.value().totals.tracks, disk.value().totals.tracks);
  ASSERT_EQ(memory.value().files.size(), disk.value().files.size());
  for (size_t i = 0; i < memory.value().files.size(); ++i) {
    EXPECT_EQ(memory.value().files[i].format, disk.value().files[i].format);
    EXPECT_EQ(memory.value().files[i].records, disk.value().files[i].records);
  }
}

TEST(MemoryImport, AZipUploadImportsExactlyAsTheFileOnDisk) {
  fs::path folder = kSpotify / "account-2022-mydata-zip";
  if (!fs::exists(folder)) GTEST_SKIP() << folder << " is absent (fixtures not checked out)";
  ExpectSameImport(folder);
}

TEST(MemoryImport, LooseJsonUploadsImportExactlyAsTheFilesOnDisk) {
  fs::path folder = kSpotify / "extended-2024-username";
  if (!fs::exists(folder)) GTEST_SKIP() << folder << " is absent (fixtures not checked out)";
  ExpectSameImport(folder);
}

TEST(MemoryImport, AnUnreadableZipUploadIsRefusedWithItsName) {
  std::string junk = "PK\x03\x04 not really a zip";
  ImportOptions options;
  options.memory_files.push_back({"upload.zip", junk});
  auto r = Import(options);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsBadInput());
  EXPECT_NE(r.status().message().find("upload.zip"), std::string::npos) << r.status().message();
}

// Every play of a log, with its names, as one comparable text.
std::string Dump(const ImportResult& r) {
  std::ostringstream out;
  out << r.records << ' ' << r.rejected << ' ' << r.dedupe.total() << '\n';
  for (const FileReport& f : r.files) out << f.path << ' ' << f.format << ' ' << f.records << '\n';
  for (const std::string& d : r.account_digests) out << d << '\n';
  const history::PlayLog& log = r.log;
  for (size_t i = 0; i < log.size(); ++i) {
    const Item& it = log.item(i);
    out << log.end_ms(i) << ' ' << log.ms_played(i) << ' ' << static_cast<int>(log.kind(i)) << ' '
        << log.strings().View(it.ref.title) << '|' << log.strings().View(it.ref.artist) << '|'
        << log.strings().View(it.ref.album) << '|' << log.strings().View(it.ref.uri) << ' '
        << static_cast<int>(log.device(i)) << static_cast<int>(log.reason_end(i)) << '\n';
  }
  return out.str();
}

// Imports keep their readers (buffers, JSON parser) for the next import:
// nothing of one upload may leak into the next, even when the next upload
// has the same name and lies at the same address.
TEST(MemoryImport, ReadersKeptBetweenImportsGiveFreshResults) {
  const fs::path a =
      kSpotify / "extended-2025-audiobooks-zip" / "Spotify Extended Streaming History.zip";
  const fs::path b = kSpotify / "account-2022-mydata-zip" / "my_spotify_data.zip";
  if (!fs::exists(a) || !fs::exists(b)) GTEST_SKIP() << "fixtures not checked out";
  const std::string bytes_a = ReadAll(a), bytes_b = ReadAll(b);
  auto import = [](const std::string& bytes) {
    ImportOptions options;
    options.threads = 1;
    options.memory_files.push_back({"upload.zip", bytes});
    auto r = Import(options);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? Dump(r.value()) : std::string();
  };
  const std::string first_a = import(bytes_a);
  const std::string first_b = import(bytes_b);
  ASSERT_NE(first_a, first_b);
  // One buffer, both uploads in turn: same name, same address.
  std::string upload;
  upload.reserve(std::max(bytes_a.size(), bytes_b.size()));
  for (int round = 0; round < 2; ++round) {
    upload.assign(bytes_b);
    EXPECT_TRUE(import(upload) == first_b) << "round " << round << ": the second upload";
    upload.assign(bytes_a);
    EXPECT_TRUE(import(upload) == first_a) << "round " << round << ": the first upload";
  }
}

}  // namespace
}  // namespace chorus::importer
