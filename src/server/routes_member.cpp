// /api/v1/me and what a member does with their own account: join, consent,
// export, erase, and the contribution routes (the seam: options.h).
#include <fmt/format.h>

#include "coop/charter.h"
#include "server/context.h"
#include "server/json_io.h"
#include "server/request_util.h"

namespace chorus::server {

namespace {

void WriteConsents(JsonWriter& w, const std::map<std::string, store::ConsentState>& consents) {
  w.BeginObject();
  for (const auto& [scope, state] : consents) {
    w.Key(scope).BeginObject().Key("granted").Bool(state.granted).Key("changed");
    WriteInstant(w, state.changed_ms);
    w.EndObject();
  }
  w.EndObject();
}

// The contribution and its upload history, or null and [].
Status WriteContribution(JsonWriter& w, store::Store& store, int64_t member, bool with_summary) {
  auto contribution = store.FindContribution(member);
  if (!contribution.ok()) return contribution.status();
  auto history = store.ContributionHistory(member);
  if (!history.ok()) return history.status();
  w.Key("contribution");
  if (!contribution.value()) {
    w.Null();
  } else {
    const store::Contribution& c = *contribution.value();
    w.BeginObject().Key("quality").Double(c.quality).Key("plays").Int(c.plays);
    w.Key("updated");
    WriteInstant(w, c.updated_ms);
    w.Key("checks");
    WriteStoredJson(w, c.checks_json);
    if (with_summary) {
      w.Key("summary");
      WriteStoredJson(w, c.summary_json);
      w.Key("signature").String(c.signature);
    }
    w.EndObject();
  }
  w.Key("history").BeginArray();
  for (const store::ContributionEvent& e : history.value()) {
    w.BeginObject().Key("at");
    WriteInstant(w, e.at_ms);
    w.Key("plays_added").Int(e.plays_added);
    w.Key("quality_before").Double(e.quality_before).Key("quality_after").Double(e.quality_after);
    w.EndObject();
  }
  w.EndArray();
  return Status::Ok();
}

Reply Me(ApiContext& c, const Call& call) {
  return MeReply(c, call.caller->member, call.caller->csrf_token);
}

Reply Join(ApiContext& c, const Call& call) {
  auto body = ParseBody(call.request.body, {"accept_charter"});
  if (!body.ok()) return BadRequest(body.status());
  auto accept = body->OptionalBool("accept_charter");
  if (!accept.ok()) return BadRequest(accept.status());
  if (!accept.value().value_or(false)) {
    return ErrorReply(400, "bad_request",
                      "field \"accept_charter\": must be true to join (read the charter at "
                      "GET /api/v1/charter)");
  }
  int64_t id = call.caller->member.id;
  if (Status s = c.store.AcceptCharter(id, coop::kCharterVersion, NowMs()); !s.ok()) {
    return StatusReply(s);
  }
  auto member = c.store.FindMember(id);
  if (!member.ok()) return StatusReply(member.status());
  if (!member.value()) return ErrorReply(404, "not_found", "the account was erased meanwhile");
  return MeReply(c, *member.value(), call.caller->csrf_token);
}

Reply SetConsent(ApiContext& c, const Call& call) {
  auto body = JsonBody::Parse(call.request.body);
  if (!body.ok()) return BadRequest(body.status());
  std::vector<std::pair<std::string, bool>> wanted;
  for (const std::string& scope : body->Keys()) {
    if (!store::IsConsentScope(scope)) {
      return ErrorReply(400, "unknown_scope",
                        fmt::format("consent scope \"{}\" does not exist; the scopes are "
                                    "artist-signals, listening-patterns, transitions, dj-sets "
                                    "and ai-training",
                                    scope));
    }
    auto granted = body->OptionalBool(scope);
    if (!granted.ok()) return BadRequest(granted.status());
    if (!granted.value()) {
      return ErrorReply(400, "bad_request",
                        fmt::format("field \"{}\": expected true or false", scope));
    }
    wanted.emplace_back(scope, *granted.value());
  }
  if (wanted.empty()) {
    return ErrorReply(400, "bad_request",
                      "body: name at least one scope, as in {\"ai-training\": false}");
  }
  int64_t id = call.caller->member.id;
  auto current = c.store.Consents(id);
  if (!current.ok()) return StatusReply(current.status());
  int64_t now = NowMs();
  for (const auto& [scope, granted] : wanted) {
    if (current.value()[scope].granted == granted && current.value()[scope].changed_ms != 0) {
      continue;  // unchanged: no new history entry
    }
    if (Status s = c.store.SetConsent(id, scope, granted, now); !s.ok()) return StatusReply(s);
  }
  auto consents = c.store.Consents(id);
  if (!consents.ok()) return StatusReply(consents.status());
  JsonWriter w(false);
  w.BeginObject().Key("consents");
  WriteConsents(w, consents.value());
  w.EndObject();
  return JsonReply(200, w);
}

Reply Erase(ApiContext& c, const Call& call) {
  if (Status s = c.store.EraseMember(call.caller->member.id); !s.ok()) return StatusReply(s);
  Reply reply = NoContent();
  reply.headers.emplace_back("Set-Cookie", c.auth.ClearedCookie());
  return reply;
}

Reply Export(ApiContext& c, const Call& call) {
  const store::Member& m = call.caller->member;
  auto consents = c.store.Consents(m.id);
  if (!consents.ok()) return StatusReply(consents.status());
  auto history = c.store.ConsentHistory(m.id);
  if (!history.ok()) return StatusReply(history.status());
  JsonWriter w(true);
  w.BeginObject().Key("schema").String("chorus-member-export").Key("version").Int(1);
  w.Key("exported");
  WriteInstant(w, NowMs());
  w.Key("member").BeginObject().Key("id").Int(m.id).Key("email").String(m.email);
  w.Key("pseudonym").String(m.pseudonym).Key("role").String(store::RoleName(m.role));
  w.Key("created");
  WriteInstant(w, m.created_ms);
  w.Key("charter_version").Int(m.charter_version).Key("charter_accepted");
  WriteInstant(w, m.charter_accepted_ms);
  w.EndObject();
  w.Key("consents");
  WriteConsents(w, consents.value());
  w.Key("consent_history").BeginArray();
  for (const store::ConsentChange& change : history.value()) {
    w.BeginObject().Key("scope").String(change.scope).Key("granted").Bool(change.granted);
    w.Key("at");
    WriteInstant(w, change.at_ms);
    w.EndObject();
  }
  w.EndArray();
  if (Status s = WriteContribution(w, c.store, m.id, true); !s.ok()) return StatusReply(s);
  w.EndObject();
  Reply reply = JsonReply(200, w);
  reply.headers.emplace_back(
      "Content-Disposition",
      fmt::format("attachment; filename=\"chorus-export-{}.json\"", m.pseudonym));
  return reply;
}

Reply MyContributions(ApiContext& c, const Call& call) {
  JsonWriter w(false);
  w.BeginObject();
  if (Status s = WriteContribution(w, c.store, call.caller->member.id, true); !s.ok()) {
    return StatusReply(s);
  }
  w.EndObject();
  return JsonReply(200, w);
}

Reply Contribute(ApiContext& c, const Call& call) {
  if (!c.options.contributions) {
    return ErrorReply(501, "not_implemented",
                      "uploading contributions is not available on this server yet");
  }
  ContributionUpload upload;
  upload.member_id = call.caller->member.id;
  upload.content_type = call.request.get_header_value("Content-Type");
  upload.filename = call.request.get_header_value("X-Filename").substr(0, 200);
  upload.want_report = call.request.get_param_value("report") == "1";
  upload.body = call.request.body;
  ContributionReply result = c.options.contributions(upload);
  return MakeReply(result.status, std::move(result.json));
}

}  // namespace

Reply MeReply(ApiContext& c, const store::Member& m, std::string_view csrf_token, int status) {
  auto consents = c.store.Consents(m.id);
  if (!consents.ok()) return StatusReply(consents.status());
  JsonWriter w(false);
  w.BeginObject().Key("id").Int(m.id).Key("email").String(m.email);
  w.Key("pseudonym").String(m.pseudonym).Key("role").String(store::RoleName(m.role));
  w.Key("joined").Bool(m.charter_version > 0).Key("charter_version").Int(m.charter_version);
  w.Key("charter_accepted");
  WriteInstant(w, m.charter_accepted_ms);
  w.Key("consents");
  WriteConsents(w, consents.value());
  if (!csrf_token.empty()) w.Key("csrf_token").String(csrf_token);
  w.EndObject();
  return JsonReply(status, w);
}

std::vector<Route> MemberRoutes(ApiContext& c) {
  auto bind = [&c](Reply (*f)(ApiContext&, const Call&)) {
    return [&c, f](const Call& call) { return f(c, call); };
  };
  return {
      {"GET", "/api/v1/me", Access::kAccount, BodyKind::kNone, bind(Me)},
      {"DELETE", "/api/v1/me", Access::kAccount, BodyKind::kNone, bind(Erase)},
      {"POST", "/api/v1/me/join", Access::kMemberAccount, BodyKind::kJson, bind(Join)},
      {"PUT", "/api/v1/me/consent", Access::kJoinedMember, BodyKind::kJson, bind(SetConsent)},
      {"GET", "/api/v1/me/export", Access::kAccount, BodyKind::kNone, bind(Export)},
      {"GET", "/api/v1/me/contributions", Access::kJoinedMember, BodyKind::kNone,
       bind(MyContributions)},
      {"POST", "/api/v1/contributions", Access::kJoinedMember, BodyKind::kUpload, bind(Contribute)},
  };
}

}  // namespace chorus::server
