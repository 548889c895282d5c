#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace chorus {
namespace {

TEST(JsonWriter, CompactNestingCommasAndEmptyContainers) {
  JsonWriter w(false);
  w.BeginObject().Key("a").BeginArray().Uint(1).Int(-2).BeginObject().EndObject();
  w.BeginArray().EndArray().EndArray().Key("b").Bool(true).Key("c").Null().EndObject();
  EXPECT_EQ(w.str(), R"({"a":[1,-2,{},[]],"b":true,"c":null})");
}

TEST(JsonWriter, PrettyIndentsTwoSpacesAndLeavesEmptyContainersOnOneLine) {
  JsonWriter w(true);
  w.BeginObject().Key("a").BeginArray().Uint(1).Uint(2).EndArray();
  w.Key("e").BeginObject().EndObject().EndObject();
  EXPECT_EQ(w.str(), "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"e\": {}\n}");
}

TEST(JsonWriter, NumbersAtTheirLimitsAndNonFiniteDoublesAsNull) {
  JsonWriter w(false);
  w.BeginArray().Int(std::numeric_limits<int64_t>::min());
  w.Uint(std::numeric_limits<uint64_t>::max()).Double(0.25).Double(std::nan(""));
  w.Double(std::numeric_limits<double>::infinity()).EndArray();
  EXPECT_EQ(w.str(), "[-9223372036854775808,18446744073709551615,0.25,null,null]");
}

TEST(JsonWriter, EscapesQuotesControlsAndReplacesInvalidUtf8) {
  JsonWriter w(false);
  w.BeginArray().String("a\"b\\c\n\x01").String("caf\xC3\xA9").String("bad\xFFok").EndArray();
  EXPECT_EQ(w.str(), "[\"a\\\"b\\\\c\\n\\u0001\",\"caf\xC3\xA9\",\"bad\xEF\xBF\xBDok\"]");
}

TEST(JsonWriter, UintArraysCompactAndPrettyMatchOneNumberAtATime) {
  const uint64_t values[] = {0, 7, 18446744073709551615u};
  JsonWriter w(false);
  w.BeginObject().Key("a").UintArray(values, 3).Key("e").UintArray(values, 0).EndObject();
  EXPECT_EQ(w.str(), R"({"a":[0,7,18446744073709551615],"e":[]})");
  JsonWriter pretty(true), by_one(true);
  pretty.BeginObject().Key("a").UintArray(values, 3).EndObject();
  by_one.BeginObject().Key("a").BeginArray().Uint(0).Uint(7).Uint(values[2]).EndArray().EndObject();
  EXPECT_EQ(pretty.str(), by_one.str());
}

TEST(JsonWriter, TakeMovesTheTextOut) {
  JsonWriter w(false);
  w.BeginObject().Key("k").String("v").EndObject();
  EXPECT_EQ(w.Take(), R"({"k":"v"})");
}

}  // namespace
}  // namespace chorus
