#include "formats/csv.h"

#include <gtest/gtest.h>

namespace chorus::formats {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string_view text, Status* error = nullptr) {
  CsvReader reader(text);
  std::vector<std::vector<std::string>> out;
  std::vector<std::string_view> fields;
  Status st;
  while (reader.Next(&fields, &st)) out.emplace_back(fields.begin(), fields.end());
  if (error != nullptr) *error = st;
  return out;
}

TEST(Csv, PlainQuotedEscapedAndEmptyFields) {
  auto rows = ReadAll("a,b,c\n1,\"two, 2\",\"say \"\"hi\"\"\"\n,,\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "two, 2", "say \"hi\""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"", "", ""}));
}

TEST(Csv, CrlfBomNoFinalNewlineAndEmbeddedNewline) {
  Status st;
  auto rows = ReadAll("\xEF\xBB\xBFh1,h2\r\n\"multi\nline\",x\r\nlast,row", &st);
  EXPECT_TRUE(st.ok());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "h1");
  EXPECT_EQ(rows[1][0], "multi\nline");
  EXPECT_EQ(rows[2], (std::vector<std::string>{"last", "row"}));
}

TEST(Csv, TrailingSeparatorGivesEmptyLastField) {
  auto rows = ReadAll("a,");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", ""}));
}

TEST(Csv, UnclosedQuoteIsAnErrorNamingTheLine) {
  Status st;
  auto rows = ReadAll("ok,1\nbad,\"never closes\n", &st);
  EXPECT_EQ(rows.size(), 1u);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("line 2"), std::string::npos);
}

TEST(Csv, TextAfterClosingQuoteIsAnError) {
  Status st;
  ReadAll("\"a\"b,c\n", &st);
  EXPECT_FALSE(st.ok());
}

TEST(Csv, LineNumbersCountEmbeddedNewlines) {
  CsvReader reader("\"a\nb\",1\nnext,2\n");
  std::vector<std::string_view> f;
  Status st;
  ASSERT_TRUE(reader.Next(&f, &st));
  EXPECT_EQ(reader.line(), 1u);
  ASSERT_TRUE(reader.Next(&f, &st));
  EXPECT_EQ(reader.line(), 3u);
}

}  // namespace
}  // namespace chorus::formats
