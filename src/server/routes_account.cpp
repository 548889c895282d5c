// POST /api/v1/auth/signup, /login, /logout, /tokens.
#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "coop/account.h"
#include "coop/charter.h"
#include "server/context.h"
#include "server/json_io.h"
#include "server/request_util.h"

namespace chorus::server {

namespace {

Reply RateLimited(int64_t seconds, std::string_view what) {
  Reply reply = ErrorReply(429, "rate_limited",
                           fmt::format("{}; try again in {} minute(s)", what,
                                       std::max<int64_t>(1, (seconds + 59) / 60)));
  reply.headers.emplace_back("Retry-After", std::to_string(seconds));
  return reply;
}

Reply WithSession(ApiContext& c, int64_t member_id, int status) {
  int64_t now = NowMs();
  auto session = c.auth.StartSession(member_id, now);
  if (!session.ok()) return StatusReply(session.status());
  auto member = c.store.FindMember(member_id);
  if (!member.ok()) return StatusReply(member.status());
  if (!member.value()) return ErrorReply(404, "not_found", "the account was erased meanwhile");
  Reply reply = MeReply(c, *member.value(), session->csrf_token, status);
  reply.headers.emplace_back("Set-Cookie", c.auth.SessionCookie(session.value()));
  return reply;
}

Reply Signup(ApiContext& c, const Call& call) {
  std::string address_key = "signup-address:" + call.request.remote_addr;
  int64_t now = NowMs();
  if (int64_t wait = c.signups.RetryAfter(address_key, c.options.limits.signups_per_address, now)) {
    return RateLimited(wait, "too many new accounts from your network");
  }
  auto body = ParseBody(call.request.body, {"email", "password", "accept_charter", "role"});
  if (!body.ok()) return BadRequest(body.status());
  auto email = body->RequiredString("email");
  if (!email.ok()) return BadRequest(email.status());
  auto password = body->RequiredString("password");
  if (!password.ok()) return BadRequest(password.status());
  auto accept = body->OptionalBool("accept_charter");
  if (!accept.ok()) return BadRequest(accept.status());
  auto role_name = body->OptionalString("role");
  if (!role_name.ok()) return BadRequest(role_name.status());
  store::Role role = store::Role::kMember;
  if (role_name.value() && *role_name.value() == "buyer") {
    role = store::Role::kBuyer;
  } else if (role_name.value() && *role_name.value() == "steward") {
    return ErrorReply(403, "forbidden",
                      "field \"role\": stewards are added by the co-op's operator "
                      "(chorus member add --role steward)");
  } else if (role_name.value() && *role_name.value() != "member") {
    return ErrorReply(400, "bad_request", "field \"role\": expected \"member\" or \"buyer\"");
  }
  bool joining = accept.value().value_or(false);
  if (joining && role == store::Role::kBuyer) {
    return ErrorReply(400, "bad_request",
                      "field \"accept_charter\": a buyer organisation is not a member and "
                      "cannot accept the charter");
  }
  auto normalized = coop::NormalizeEmail(email.value());
  if (!normalized.ok()) return ErrorReply(400, "invalid_email", normalized.status().message());
  auto existing = c.store.FindMemberByEmail(normalized.value());
  if (!existing.ok()) return StatusReply(existing.status());
  if (existing.value()) return ErrorReply(409, "email_taken", coop::kEmailTakenMessage);
  auto hash = c.auth.HashPassword(password.value());
  if (!hash.ok()) {
    if (!hash.status().IsBadInput()) return StatusReply(hash.status());
    return ErrorReply(400, "weak_password", hash.status().message());
  }
  c.signups.Record(address_key, now);
  auto id = coop::OpenAccount(c.store, {normalized.value(), "", role, now}, hash.value());
  if (!id.ok()) {
    if (id.status().message() == coop::kEmailTakenMessage) {
      return ErrorReply(409, "email_taken", coop::kEmailTakenMessage);
    }
    return StatusReply(id.status());
  }
  if (joining) {
    if (Status s = c.store.AcceptCharter(id.value(), coop::kCharterVersion, now); !s.ok()) {
      return StatusReply(s);
    }
  }
  return WithSession(c, id.value(), 201);
}

Reply Login(ApiContext& c, const Call& call) {
  auto body = ParseBody(call.request.body, {"email", "password"});
  if (!body.ok()) return BadRequest(body.status());
  auto email = body->RequiredString("email");
  if (!email.ok()) return BadRequest(email.status());
  auto password = body->RequiredString("password");
  if (!password.ok()) return BadRequest(password.status());
  auto normalized = coop::NormalizeEmail(email.value());
  std::string email_key = "login-email:" + (normalized.ok() ? normalized.value() : email.value());
  std::string address_key = "login-address:" + call.request.remote_addr;
  int64_t now = NowMs();
  const RateLimits& limits = c.options.limits;
  int64_t wait = std::max(c.logins.RetryAfter(email_key, limits.failed_logins_per_email, now),
                          c.logins.RetryAfter(address_key, limits.failed_logins_per_address, now));
  if (wait > 0) return RateLimited(wait, "too many failed logins");
  std::optional<store::Member> member;
  if (normalized.ok()) {
    auto found = c.store.FindMemberByEmail(normalized.value());
    if (!found.ok()) return StatusReply(found.status());
    member = std::move(found.value());
  }
  if (!c.auth.CheckPassword(member, password.value())) {
    c.logins.Record(email_key, now);
    c.logins.Record(address_key, now);
    return ErrorReply(401, "bad_credentials",
                      "wrong e-mail or password (after 5 failures, logins for this e-mail "
                      "pause for 15 minutes)");
  }
  c.logins.Clear(email_key);
  return WithSession(c, member->id, 200);
}

Reply Logout(ApiContext& c, const Call& call) {
  if (Status s = c.auth.End(*call.caller); !s.ok()) return StatusReply(s);
  Reply reply = NoContent();
  if (call.caller->via == store::CredentialKind::kSession) {
    reply.headers.emplace_back("Set-Cookie", c.auth.ClearedCookie());
  }
  return reply;
}

Reply CreateToken(ApiContext& c, const Call& call) {
  auto token = c.auth.CreateApiToken(call.caller->member.id, NowMs());
  if (!token.ok()) return StatusReply(token.status());
  JsonWriter w(false);
  w.BeginObject().Key("token").String(token->token).Key("token_type").String("Bearer");
  w.Key("expires");
  WriteInstant(w, token->expires_ms);
  w.Key("note").String("shown once: store it now; send it as \"Authorization: Bearer <token>\"");
  w.EndObject();
  return JsonReply(201, w);
}

}  // namespace

std::vector<Route> AccountRoutes(ApiContext& c) {
  auto bind = [&c](Reply (*f)(ApiContext&, const Call&)) {
    return [&c, f](const Call& call) { return f(c, call); };
  };
  return {
      {"POST", "/api/v1/auth/signup", Access::kAnonymous, BodyKind::kJson, bind(Signup)},
      {"POST", "/api/v1/auth/login", Access::kAnonymous, BodyKind::kJson, bind(Login)},
      {"POST", "/api/v1/auth/logout", Access::kAccount, BodyKind::kNone, bind(Logout)},
      {"POST", "/api/v1/auth/tokens", Access::kAccount, BodyKind::kNone, bind(CreateToken)},
  };
}

}  // namespace chorus::server
