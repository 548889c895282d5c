// Test helpers for the DJ parsers' tests: fixture paths, file reading and
// the README's library counts.
//
// Contract: DjFixture() is the path of a file under ../shared/fixtures/dj;
// ReadBytes() returns a whole file ("" when absent: tests GTEST_SKIP then).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/time_util.h"
#include "formats/dj_common.h"

namespace chorus::formats::testing {

inline std::string DjFixture(const std::string& rel) {
  return std::string(CHORUS_FIXTURES_DIR) + "/dj/" + rel;
}

inline bool Exists(const std::string& path) { return std::filesystem::exists(path); }

inline std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// "2022-07-16T13:47:48" → epoch ms (UTC reading of the text).
inline int64_t Ms(const std::string& iso) {
  int64_t ms = 0;
  ParseIsoUtc(iso + "Z", &ms);
  return ms;
}

// The library counts of fixtures/dj/README.md, asserted field by field.
inline void ExpectLibrary(const DjNotes& notes, uint64_t tracks, uint64_t with_bpm,
                          uint64_t with_key, uint64_t cues, uint64_t loops, uint64_t history) {
  EXPECT_EQ(notes.tracks, tracks);
  EXPECT_EQ(notes.with_bpm, with_bpm);
  EXPECT_EQ(notes.with_key, with_key);
  EXPECT_EQ(notes.cues, cues);
  EXPECT_EQ(notes.loops, loops);
  EXPECT_EQ(notes.history, history);
}

}  // namespace chorus::formats::testing

#define CHORUS_SKIP_WITHOUT(path)                      \
  if (!::chorus::formats::testing::Exists(path))       \
  GTEST_SKIP() << "DJ fixture not found at " << (path) \
               << " (../shared/fixtures/dj is not checked out next to the project)"
