// The co-op's public face and operations: charter, counts, the steward's
// member list, health, metrics and the OpenAPI document.
#include "coop/charter.h"
#include "server/context.h"
#include "server/json_io.h"
#include "server/openapi.h"

namespace chorus::server {

namespace {

Reply Charter(ApiContext&, const Call&) {
  JsonWriter w(false);
  w.BeginObject().Key("version").Int(coop::kCharterVersion);
  w.Key("text").String(coop::CharterText()).EndObject();
  return JsonReply(200, w);
}

Reply Coop(ApiContext& c, const Call&) {
  auto members = c.store.ListMembers();
  if (!members.ok()) return StatusReply(members.status());
  int64_t joined = 0, buyers = 0, stewards = 0, contributions = 0, plays = 0;
  for (const store::MemberSummary& m : members.value()) {
    if (m.role != store::Role::kBuyer && m.charter_version > 0) ++joined;
    if (m.role == store::Role::kBuyer) ++buyers;
    if (m.role == store::Role::kSteward) ++stewards;
    if (m.has_contribution) ++contributions, plays += m.plays;
  }
  JsonWriter w(false);
  w.BeginObject().Key("members").Int(joined).Key("accounts").Int(int64_t(members->size()));
  w.Key("buyers").Int(buyers).Key("stewards").Int(stewards);
  w.Key("contributions").Int(contributions).Key("plays").Int(plays);
  w.Key("charter_version").Int(coop::kCharterVersion).EndObject();
  return JsonReply(200, w);
}

Reply Members(ApiContext& c, const Call&) {
  auto members = c.store.ListMembers();
  if (!members.ok()) return StatusReply(members.status());
  JsonWriter w(false);
  w.BeginObject().Key("members").BeginArray();
  for (const store::MemberSummary& m : members.value()) {
    w.BeginObject().Key("pseudonym").String(m.pseudonym).Key("role").String(RoleName(m.role));
    w.Key("joined").Bool(m.charter_version > 0);
    w.Key("quality");
    if (m.has_contribution) {
      w.Double(m.quality);
    } else {
      w.Null();
    }
    w.Key("plays").Int(m.plays).EndObject();
  }
  w.EndArray().EndObject();
  return JsonReply(200, w);
}

Reply Health(ApiContext& c, const Call&) {
  int schema = c.store.SchemaVersion();
  if (schema <= 0) return ErrorReply(503, "unavailable", "the co-op's database does not answer");
  JsonWriter w(false);
  w.BeginObject().Key("status").String("ok").Key("schema").Int(schema).EndObject();
  return JsonReply(200, w);
}

Reply MetricsText(ApiContext& c, const Call&) {
  return MakeReply(200, c.metrics.Text(), "text/plain; version=0.0.4; charset=utf-8");
}

Reply OpenApi(ApiContext&, const Call&) { return MakeReply(200, std::string(OpenApiJson())); }

}  // namespace

std::vector<Route> CoopRoutes(ApiContext& c) {
  auto bind = [&c](Reply (*f)(ApiContext&, const Call&)) {
    return [&c, f](const Call& call) { return f(c, call); };
  };
  return {
      {"GET", "/api/v1/charter", Access::kAnonymous, BodyKind::kNone, bind(Charter)},
      {"GET", "/api/v1/coop", Access::kAnonymous, BodyKind::kNone, bind(Coop)},
      {"GET", "/api/v1/members", Access::kSteward, BodyKind::kNone, bind(Members)},
      {"GET", "/api/v1/openapi.json", Access::kAnonymous, BodyKind::kNone, bind(OpenApi)},
      {"GET", "/healthz", Access::kAnonymous, BodyKind::kNone, bind(Health)},
      {"GET", "/metrics", Access::kAnonymous, BodyKind::kNone, bind(MetricsText)},
  };
}

}  // namespace chorus::server
