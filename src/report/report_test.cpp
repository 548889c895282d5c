// report/: the JSON follows the schema's shape and null rules, and the HTML
// inlines it so that no string in the data can end the script element.
#include <gtest/gtest.h>
#include <simdjson.h>

#include "insights/test_log.h"
#include "report/html.h"
#include "report/report_json.h"
#include "report/summary.h"

namespace chorus::report {
namespace {

using insights::testing::MakeLog;
using insights::testing::P;

insights::Report Build(const history::PlayLog& log) {
  auto r = insights::ComputeReport(log, {"UTC", {}, nullptr});
  EXPECT_TRUE(r.ok());
  return std::move(r.value());
}

TEST(ReportJson, IsValidJsonWithTheSchemaKeysAndNullsForUnknowns) {
  P scrobble{"2023-01-02T10:00:00Z", 0, "Other", "y"};
  scrobble.source = Source::kLastfm;
  scrobble.reason_end = Reason::kUnknown;
  auto log = MakeLog({{"2023-01-01T10:00:00Z", 200'000, "A </script> B", "x"}, scrobble});
  std::string json = ReportJson(Build(log), "chorus test");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
  EXPECT_EQ(std::string_view(doc["schema"]), "chorus-report");
  EXPECT_EQ(int64_t(doc["version"]), kSchemaVersion);
  for (const char* key : {"zone", "window", "sources", "totals", "years", "months", "top",
                          "year_over_year", "clock", "calendar", "sessions", "streaks", "discovery",
                          "behaviour", "phases", "mood", "cross_platform"}) {
    EXPECT_EQ(doc[key].error(), simdjson::SUCCESS) << key;
  }
  EXPECT_TRUE(doc["window"].is_null());
  EXPECT_EQ(uint64_t(doc["totals"]["plays"]), 2u);
  EXPECT_EQ(std::string_view(doc["totals"]["first_end"]), "2023-01-01T10:03:20Z");
  // Only the Spotify play records a skip; January's rate is known (0), and a
  // month with only scrobbles would be null.
  EXPECT_EQ(double(doc["behaviour"]["months"].at(0)["skip_rate"]), 0.0);
  EXPECT_TRUE(doc["behaviour"]["months"].at(0)["offline_share"].is_null());
  EXPECT_EQ(std::string_view(doc["cross_platform"]["sources"].at(1)), "lastfm");
  EXPECT_EQ(doc["clock"]["minutes"].get_array().size(), 7u);
}

TEST(ReportHtml, DataCannotCloseTheScriptElement) {
  auto log = MakeLog({{"2023-01-01T10:00:00Z", 200'000, "A </script><script>alert(1)", "x"}});
  std::string json = ReportJson(Build(log), "chorus test");
  std::string html = ReportHtml(json);
  size_t data = html.find("<script id=\"chorus-report\" type=\"application/json\">");
  ASSERT_NE(data, std::string::npos);
  size_t end = html.find("</script>", data);
  std::string inlined = html.substr(data, end - data);
  EXPECT_EQ(inlined.find("</script"), std::string::npos);
  EXPECT_NE(inlined.find("A \\u003c/script>\\u003cscript>alert(1)"), std::string::npos);
  // The front end is embedded: CSS in <style>, the module after the data.
  EXPECT_GT(WebReportJs().size(), 1000u);
  EXPECT_GT(WebReportCss().size(), 100u);
  EXPECT_NE(html.find("<script type=\"module\">"), std::string::npos);
  EXPECT_EQ(WebReportJs().find("</script"), std::string_view::npos);
}

TEST(ReportSummary, NamesTheTopArtistAndSaysWhenThereIsNothing) {
  auto log = MakeLog({{"2023-01-01T10:00:00Z", 200'000, "Alpha", "x"},
                      {"2023-01-02T10:00:00Z", 100'000, "Beta", "y"}});
  std::string text = ReportSummary(Build(log));
  EXPECT_NE(text.find("1. Alpha"), std::string::npos) << text;
  EXPECT_NE(text.find("2 plays"), std::string::npos) << text;
  insights::Report empty;
  EXPECT_EQ(ReportSummary(empty), "No plays in the chosen window.\n");
}

}  // namespace
}  // namespace chorus::report
