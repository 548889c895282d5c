#include "server/contributions.h"

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/time_util.h"
#include "insights/report.h"
#include "report/report_json.h"

namespace chorus::server {

namespace {

// Appends members (",\"k\":v...") to a JSON object's text.
std::string Splice(std::string object, std::string_view members) {
  while (!object.empty() && (object.back() == '\n' || object.back() == ' ')) object.pop_back();
  object.pop_back();  // the closing brace
  object += members;
  object += '}';
  return object;
}

std::string ErrorMembers(std::string_view code, std::string_view message) {
  JsonWriter w(false);
  w.BeginObject().Key("code").String(code).Key("message").String(message).EndObject();
  return fmt::format(",\"error\":{}", w.str());
}

ContributionReply BadInput(const Status& s) {
  JsonWriter w(false);
  bool too_large = s.code() == Code::kLimitExceeded;
  w.BeginObject().Key("error").BeginObject();
  w.Key("code").String(too_large ? "too_large" : "bad_upload").Key("message").String(s.message());
  w.EndObject().EndObject();
  return {too_large ? 413 : 400, w.str()};
}

std::string UploadName(const ContributionUpload& upload) {
  if (!upload.filename.empty()) return upload.filename;
  return upload.content_type.find("zip") != std::string::npos ? "upload.zip" : "upload.json";
}

}  // namespace

ContributionHandler MakeContributionHandler(coop::Onboarding& onboarding) {
  return [&onboarding](const ContributionUpload& upload) -> ContributionReply {
    auto parsed = coop::ParseUpload({{UploadName(upload), upload.body}});
    if (!parsed.ok()) {
      if (parsed.status().IsBadInput()) return BadInput(parsed.status());
      return {500, R"({"error":{"code":"internal","message":"the upload could not be read"}})"};
    }
    std::optional<importer::ImportResult> import = std::move(parsed.value().import);
    auto outcome = onboarding.ContributeBuilt(upload.member_id,
                                              std::move(parsed.value().contribution), NowMs());
    if (!outcome.ok()) {
      if (outcome.status().IsBadInput()) return BadInput(outcome.status());
      return {500,
              R"({"error":{"code":"internal","message":"the contribution could not be stored"}})"};
    }
    const coop::Outcome& o = outcome.value();
    std::string body = coop::ChecksJson(o.checks, o.quality);
    if (o.verdict != coop::Verdict::kAccepted) {
      return {422, Splice(std::move(body), ErrorMembers(coop::VerdictName(o.verdict), o.message))};
    }
    std::string members = fmt::format(
        R"(,"accepted":true,"verdict":"accepted","plays_added":{},"plays_total":{},"quality_before":{})",
        o.plays_added, o.plays_total, o.quality_before);
    if (upload.want_report && import) {
      auto report = insights::ComputeReport(import->log, {});
      if (report.ok()) {
        members += ",\"report\":";
        members += report::ReportJson(report.value(), "chorus serve");
      }
    }
    return {201, Splice(std::move(body), members)};
  };
}

}  // namespace chorus::server
