// Uploads are imported from memory, never from disk: the same bytes must give
// exactly what importing the files gives.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace chorus::importer
