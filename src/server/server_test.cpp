// Sign-up, login, logout, cookies, CSRF, tokens, rate limits, body limits
// and error shapes, against a real server on an ephemeral port.
#include "server/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "server/server_test_util.h"

namespace chorus::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Sends `request` on a plain socket and returns everything the server
// answers until it closes the connection or 2 s pass.
std::string RawExchange(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "connect failed";
  }
  timeval timeout{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  (void)!write(fd, request.data(), request.size());
  std::string out;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
  close(fd);
  return out;
}

TEST(ListenAddress, ParsesHostAndPortAndRejectsTheRest) {
  auto a = ParseListenAddress("127.0.0.1:8080");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->first, "127.0.0.1");
  EXPECT_EQ(a->second, 8080);
  auto b = ParseListenAddress("[::1]:0");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->first, "::1");
  EXPECT_EQ(b->second, 0);
  for (const char* bad : {"8080", ":8080", "host:", "host:http", "host:70000", "[::1:80"}) {
    EXPECT_FALSE(ParseListenAddress(bad).ok()) << bad;
  }
}

TEST_F(ServerTest, SignupLogsInWithAStrictHttpOnlyCookieAndLogoutEndsTheSession) {
  auto res = Send("POST", "/api/v1/auth/signup", nullptr,
                  R"({"email":"  Ada@Example.ORG ","password":"a long enough passphrase"})");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_EQ(cookie.rfind("chorus_session=", 0), 0u) << cookie;
  EXPECT_EQ(cookie.find(';'), 15u + 64u) << "a 32-byte hex token";
  EXPECT_THAT(cookie, HasSubstr("; HttpOnly"));
  EXPECT_THAT(cookie, HasSubstr("; SameSite=Strict"));
  EXPECT_THAT(cookie, HasSubstr("; Path=/"));
  EXPECT_THAT(cookie, HasSubstr("; Max-Age=604800"));
  EXPECT_THAT(cookie, Not(HasSubstr("Secure")));
  EXPECT_EQ(JsonStr(res->body, "/email"), "ada@example.org");
  EXPECT_EQ(JsonStr(res->body, "/role"), "member");
  EXPECT_EQ(JsonBool(res->body, "/joined"), 0);
  EXPECT_EQ(JsonStr(res->body, "/pseudonym").rfind("m-", 0), 0u);
  EXPECT_EQ(JsonStr(res->body, "/csrf_token").size(), 64u);
  // Only the token's SHA-256 is stored.
  std::string token = cookie.substr(15, 64);
  EXPECT_FALSE(store_->FindCredential(token).value());
  auto stored = store_->FindCredential(Auth::TokenHash(token));
  ASSERT_TRUE(stored.ok() && stored.value());
  EXPECT_EQ(stored.value()->kind, store::CredentialKind::kSession);
  EXPECT_NEAR(double(stored.value()->expires_ms - TestNowMs()), double(kSessionTtlMs), 60000.0);

  Who ada = FromLogin(*res);
  auto me = Send("GET", "/api/v1/me", &ada);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(JsonStr(me->body, "/email"), "ada@example.org");
  EXPECT_EQ(JsonStr(me->body, "/csrf_token"), ada.csrf);
  EXPECT_EQ(JsonBool(me->body, "/consents/ai-training/granted"), 0);

  auto out = Send("POST", "/api/v1/auth/logout", &ada);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  EXPECT_THAT(out->get_header_value("Set-Cookie"), HasSubstr("chorus_session=; Path=/; Max-Age=0"));
  auto after = Send("GET", "/api/v1/me", &ada);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
  EXPECT_EQ(JsonStr(after->body, "/error/code"), "unauthenticated");

  Who again = LogIn("ADA@example.org");
  EXPECT_EQ(again.id, ada.id);
  EXPECT_NE(again.cookie, ada.cookie);
}

TEST_F(ServerTest, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
  SignUp("bea@example.org");
  auto wrong = Send("POST", "/api/v1/auth/login", nullptr,
                    R"({"email":"bea@example.org","password":"not the passphrase"})");
  auto unknown = Send("POST", "/api/v1/auth/login", nullptr,
                      R"({"email":"nobody@example.org","password":"not the passphrase"})");
  ASSERT_TRUE(wrong && unknown);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(JsonStr(wrong->body, "/error/code"), "bad_credentials");
  EXPECT_EQ(wrong->body, unknown->body);
  EXPECT_TRUE(wrong->get_header_value("Set-Cookie").empty());
}

TEST_F(ServerTest, DuplicateEmailRoleAndCharterRulesAtSignup) {
  SignUp("cy@example.org");
  auto dup = Send("POST", "/api/v1/auth/signup", nullptr,
                  R"({"email":"CY@example.org","password":"another passphrase"})");
  ASSERT_TRUE(dup);
  EXPECT_EQ(dup->status, 409);
  EXPECT_EQ(JsonStr(dup->body, "/error/code"), "email_taken");
  auto steward =
      Send("POST", "/api/v1/auth/signup", nullptr,
           R"({"email":"s@example.org","password":"a long passphrase","role":"steward"})");
  ASSERT_TRUE(steward);
  EXPECT_EQ(steward->status, 403);
  auto buyer_joins = Send("POST", "/api/v1/auth/signup", nullptr,
                          R"({"email":"b@example.org","password":"a long passphrase",)"
                          R"("role":"buyer","accept_charter":true})");
  ASSERT_TRUE(buyer_joins);
  EXPECT_EQ(buyer_joins->status, 400);
  EXPECT_THAT(buyer_joins->body, HasSubstr("accept_charter"));
  Who buyer = SignUp("b@example.org", ",\"role\":\"buyer\"");
  auto me = Send("GET", "/api/v1/me", &buyer);
  ASSERT_TRUE(me);
  EXPECT_EQ(JsonStr(me->body, "/role"), "buyer");
  EXPECT_EQ(JsonBool(me->body, "/joined"), 0);
  auto weak = Send("POST", "/api/v1/auth/signup", nullptr,
                   R"({"email":"w@example.org","password":"short"})");
  ASSERT_TRUE(weak);
  EXPECT_EQ(weak->status, 400);
  EXPECT_EQ(JsonStr(weak->body, "/error/code"), "weak_password");
  auto bad_email = Send("POST", "/api/v1/auth/signup", nullptr,
                        R"({"email":"not-an-address","password":"a long passphrase"})");
  ASSERT_TRUE(bad_email);
  EXPECT_EQ(bad_email->status, 400);
  EXPECT_EQ(JsonStr(bad_email->body, "/error/code"), "invalid_email");
  Who joined = SignUp("j@example.org");
  EXPECT_EQ(store_->FindMember(joined.id).value()->charter_version, 1);
}

TEST_F(ServerTest, CookieWritesNeedTheCsrfTokenAndBearerWritesDoNot) {
  Who dee = SignUp("dee@example.org");
  const std::string body = R"({"ai-training":true})";
  Who no_header = dee;
  no_header.csrf.clear();
  auto missing = Send("PUT", "/api/v1/me/consent", &no_header, body);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 403);
  EXPECT_EQ(JsonStr(missing->body, "/error/code"), "csrf");
  Who wrong = dee;
  wrong.csrf = std::string(64, 'a');
  auto bad = Send("PUT", "/api/v1/me/consent", &wrong, body);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 403);
  EXPECT_FALSE(store_->Consents(dee.id).value().at("ai-training").granted) << "unchanged";
  auto read = Send("GET", "/api/v1/me", &no_header);  // reads need no token
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200);
  auto ok = Send("PUT", "/api/v1/me/consent", &dee, body);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(JsonBool(ok->body, "/consents/ai-training/granted"), 1);

  auto token = Send("POST", "/api/v1/auth/tokens", &dee);
  ASSERT_TRUE(token);
  ASSERT_EQ(token->status, 201) << token->body;
  Who bearer = Bearer(JsonStr(token->body, "/token"));
  auto revoke = Send("PUT", "/api/v1/me/consent", &bearer, R"({"ai-training":false})");
  ASSERT_TRUE(revoke);
  EXPECT_EQ(revoke->status, 200) << revoke->body;
  EXPECT_EQ(JsonBool(revoke->body, "/consents/ai-training/granted"), 0);
  auto no_csrf_in_me = Send("GET", "/api/v1/me", &bearer);
  ASSERT_TRUE(no_csrf_in_me);
  EXPECT_EQ(JsonStr(no_csrf_in_me->body, "/csrf_token"), "<missing>");
}

TEST_F(ServerTest, ApiTokensAreShownOnceStoredHashedAndOnlyWorkAsBearer) {
  Who eve = SignUp("eve@example.org");
  auto res = Send("POST", "/api/v1/auth/tokens", &eve);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201);
  std::string token = JsonStr(res->body, "/token");
  ASSERT_EQ(token.size(), 64u);
  EXPECT_EQ(JsonStr(res->body, "/token_type"), "Bearer");
  auto stored = store_->FindCredential(Auth::TokenHash(token));
  ASSERT_TRUE(stored.ok() && stored.value());
  EXPECT_EQ(stored.value()->kind, store::CredentialKind::kApiToken);
  EXPECT_EQ(stored.value()->member_id, eve.id);
  EXPECT_NEAR(double(stored.value()->expires_ms - TestNowMs()), double(kApiTokenTtlMs), 60000.0);
  EXPECT_FALSE(store_->FindCredential(token).value());

  Who bearer = Bearer(token);
  auto me = Send("GET", "/api/v1/me", &bearer);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(JsonInt(me->body, "/id"), eve.id);
  Who as_cookie = CookieOnly("chorus_session=" + token);
  auto cookie = Send("GET", "/api/v1/me", &as_cookie);
  ASSERT_TRUE(cookie);
  EXPECT_EQ(cookie->status, 401) << "an API token is not a session";
  Who session_as_bearer = Bearer(eve.cookie.substr(15));
  auto swapped = Send("GET", "/api/v1/me", &session_as_bearer);
  ASSERT_TRUE(swapped);
  EXPECT_EQ(swapped->status, 401) << "a session is not an API token";
  Who unknown = Bearer(std::string(64, 'f'));
  auto u = Send("GET", "/api/v1/me", &unknown);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->status, 401);
  EXPECT_EQ(JsonStr(u->body, "/error/code"), "unauthenticated");
  httplib::Client client("127.0.0.1", port_);
  auto basic = client.Get("/api/v1/me", {{"Authorization", "Basic YTpi"}});
  ASSERT_TRUE(basic);
  EXPECT_EQ(basic->status, 401);
}

TEST_F(ServerTest, ExpiredSessionsAndTokensAre401AndDeleted) {
  Who fay = SignUp("fay@example.org");
  Who old_token = Fresh(fay, true, -1000);
  Who old_session = Fresh(fay, false, -1000);
  for (const Who* who : {&old_token, &old_session}) {
    auto res = Send("GET", "/api/v1/me", who);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    EXPECT_EQ(JsonStr(res->body, "/error/code"), "expired");
  }
  EXPECT_FALSE(store_->FindCredential(Auth::TokenHash(old_token.bearer)).value());
  auto fine = Send("GET", "/api/v1/me", &fay);
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->status, 200);
}

class LimitedServerTest : public ServerTest {
 protected:
  ServerOptions Options() override {
    ServerOptions o;
    o.limits.failed_logins_per_address = 8;
    o.limits.signups_per_address = 4;
    o.max_upload_bytes = 1 << 20;
    return o;
  }
};

TEST_F(LimitedServerTest, FiveBadLoginsPauseThatEmailButNotAnother) {
  SignUp("gus@example.org");
  SignUp("hal@example.org");
  const std::string bad = R"({"email":"gus@example.org","password":"wrong wrong wrong"})";
  for (int i = 0; i < 5; ++i) {
    auto res = Send("POST", "/api/v1/auth/login", nullptr, bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << i;
  }
  auto limited = Send("POST", "/api/v1/auth/login", nullptr,
                      R"({"email":"GUS@example.org","password":"a long enough passphrase"})");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429) << "even the right password waits";
  EXPECT_EQ(JsonStr(limited->body, "/error/code"), "rate_limited");
  int retry = std::stoi(limited->get_header_value("Retry-After"));
  EXPECT_GT(retry, 800);
  EXPECT_LE(retry, 900);
  LogIn("hal@example.org");  // another e-mail from the same address still works
  // The address limit (8 here): 3 more failures on other e-mails, then all wait.
  for (int i = 0; i < 3; ++i) {
    auto res = Send("POST", "/api/v1/auth/login", nullptr,
                    R"({"email":"hal@example.org","password":"wrong wrong wrong"})");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
  }
  auto address = Send("POST", "/api/v1/auth/login", nullptr,
                      R"({"email":"ivy@example.org","password":"whatever it is"})");
  ASSERT_TRUE(address);
  EXPECT_EQ(address->status, 429);
}

TEST_F(LimitedServerTest, SignupsPerAddressAreLimited) {
  SignUp("k1@example.org");
  SignUp("k2@example.org");
  SignUp("k3@example.org");
  SignUp("k4@example.org");
  auto res = Send("POST", "/api/v1/auth/signup", nullptr,
                  R"({"email":"k5@example.org","password":"a long enough passphrase"})");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
  EXPECT_FALSE(res->get_header_value("Retry-After").empty());
}

TEST_F(LimitedServerTest, JsonBodiesOver64KiBAre413AndUploadsHaveTheirOwnLimit) {
  std::string big = R"({"email":")" + std::string(70 << 10, 'a') + R"(","password":"x"})";
  auto res = Send("POST", "/api/v1/auth/login", nullptr, big);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(JsonStr(res->body, "/error/code"), "too_large");
  Who liv = SignUp("liv@example.org");
  auto upload =
      Send("POST", "/api/v1/contributions", &liv, std::string(200 << 10, 'z'), "application/zip");
  ASSERT_TRUE(upload);
  EXPECT_EQ(upload->status, 501) << "200 KiB is fine for an upload";
  EXPECT_EQ(JsonStr(upload->body, "/error/code"), "not_implemented");
  // Over the upload limit (1 MiB here): refused on the announced length,
  // before a byte of the body is read (so only the headers are sent).
  std::string answer = RawExchange(port_,
                                   "POST /api/v1/contributions HTTP/1.1\r\nHost: x\r\n"
                                   "Authorization: Bearer " +
                                       Fresh(liv, true).bearer +
                                       "\r\nContent-Type: application/zip\r\n"
                                       "Content-Length: 2097152\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer;
  EXPECT_THAT(answer, HasSubstr("\"too_large\""));
}

TEST_F(ServerTest, BadJsonAndWrongTypesAre400NamingTheField) {
  struct Case {
    std::string body, expect;
  } cases[] = {
      {"{\"email\":", "not valid JSON"},
      {"[1,2]", "expected a JSON object"},
      {R"({"email":5,"password":"a long enough passphrase"})",
       "field \"email\": expected a string"},
      {R"({"email":"x@example.org","password":true})", "field \"password\": expected a string"},
      {R"({"email":"x@example.org"})", "field \"password\" is required"},
      {R"({"email":"x@example.org","password":"a long passphrase","accept_charter":"yes"})",
       "field \"accept_charter\": expected true or false"},
      {R"({"email":"x@example.org","password":"a long passphrase","acept_charter":true})",
       "field \"acept_charter\": not a field"},
  };
  for (const Case& c : cases) {
    auto res = Send("POST", "/api/v1/auth/signup", nullptr, c.body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << c.body;
    EXPECT_EQ(JsonStr(res->body, "/error/code"), "bad_request") << c.body;
    EXPECT_THAT(JsonStr(res->body, "/error/message"), HasSubstr(c.expect)) << c.body;
  }
  auto form =
      Send("POST", "/api/v1/auth/login", nullptr, "email=x", "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415);
  Who mo = SignUp("mo@example.org");
  auto scope = Send("PUT", "/api/v1/me/consent", &mo, R"({"ai-training":true,"telepathy":true})");
  ASSERT_TRUE(scope);
  EXPECT_EQ(scope->status, 400);
  EXPECT_EQ(JsonStr(scope->body, "/error/code"), "unknown_scope");
  EXPECT_THAT(JsonStr(scope->body, "/error/message"), HasSubstr("\"telepathy\""));
  EXPECT_FALSE(store_->Consents(mo.id).value().at("ai-training").granted) << "all or nothing";
  auto type = Send("PUT", "/api/v1/me/consent", &mo, R"({"dj-sets":"yes"})");
  ASSERT_TRUE(type);
  EXPECT_EQ(type->status, 400);
  EXPECT_THAT(JsonStr(type->body, "/error/message"), HasSubstr("\"dj-sets\""));
}

TEST_F(ServerTest, UnknownPathsAre404AndWrongMethods405AllAsJson) {
  auto missing = Send("GET", "/api/v1/nope");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(JsonStr(missing->body, "/error/code"), "not_found");
  auto method = Send("PUT", "/api/v1/charter", nullptr, "{}");
  ASSERT_TRUE(method);
  EXPECT_EQ(method->status, 405);
  EXPECT_EQ(JsonStr(method->body, "/error/code"), "method_not_allowed");
  EXPECT_EQ(method->get_header_value("Allow"), "GET");
  auto me = Send("PATCH", "/api/v1/me", nullptr, "{}");
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 405);
  EXPECT_EQ(me->get_header_value("Allow"), "GET, DELETE");
}

TEST_F(ServerTest, MetricsCountRequestsByRouteAndStatusWithoutAddresses) {
  Send("GET", "/healthz");
  Send("GET", "/healthz");
  Send("GET", "/api/v1/me");
  Send("GET", "/no/such/thing");
  auto res = Send("GET", "/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->get_header_value("Content-Type"), HasSubstr("text/plain"));
  EXPECT_THAT(
      res->body,
      HasSubstr(
          "chorus_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2\n"));
  EXPECT_THAT(
      res->body,
      HasSubstr(
          "chorus_http_requests_total{route=\"/api/v1/me\",method=\"GET\",status=\"401\"} 1\n"));
  EXPECT_THAT(res->body, HasSubstr("route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n"));
  EXPECT_THAT(res->body, HasSubstr("chorus_uptime_seconds "));
  EXPECT_THAT(res->body, Not(HasSubstr("127.0.0.1")));
  EXPECT_THAT(res->body, Not(HasSubstr("/no/such")));
  auto health = Send("GET", "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(JsonStr(health->body, "/status"), "ok");
  EXPECT_EQ(JsonInt(health->body, "/schema"), store_->SchemaVersion());
}

}  // namespace
}  // namespace chorus::server
