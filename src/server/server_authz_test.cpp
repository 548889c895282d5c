// The authorization matrix (every route × every kind of caller, by cookie
// and by bearer), no cross-member reads, and the OpenAPI document matching
// the route table.
#include <simdjson.h>

#include <set>

#include "server/openapi.h"
#include "server/server_test_util.h"

namespace chorus::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

enum Caller { kAnon, kMemberA, kMemberB, kUnjoined, kBuyer, kSteward, kCallers };
const char* const kCallerNames[] = {"anonymous", "member A", "member B",
                                    "unjoined",  "buyer",    "steward"};

struct Row {
  const char* method;
  const char* path;
  const char* body;
  int expect[kCallers];  // anonymous, A, B, unjoined, buyer, steward
};

// Joining comes after the joined-only rows (it makes "unjoined" a member);
// DELETE /api/v1/me is last: it erases each caller.
const Row kMatrix[] = {
    {"POST", "/api/v1/auth/signup", "SIGNUP", {201, 201, 201, 201, 201, 201}},
    {"POST", "/api/v1/auth/login", "LOGIN", {200, 200, 200, 200, 200, 200}},
    {"POST", "/api/v1/auth/logout", "", {401, 204, 204, 204, 204, 204}},
    {"POST", "/api/v1/auth/tokens", "", {401, 201, 201, 201, 201, 201}},
    {"GET", "/api/v1/me", "", {401, 200, 200, 200, 200, 200}},
    {"PUT", "/api/v1/me/consent", R"({"dj-sets":true})", {401, 200, 200, 403, 403, 200}},
    {"GET", "/api/v1/me/export", "", {401, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/me/contributions", "", {401, 200, 200, 403, 403, 200}},
    {"POST", "/api/v1/contributions", "upload", {401, 501, 501, 403, 403, 501}},
    {"POST", "/api/v1/me/join", R"({"accept_charter":true})", {401, 200, 200, 200, 403, 200}},
    {"GET", "/api/v1/charter", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/coop", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/members", "", {401, 403, 403, 403, 403, 200}},
    {"GET", "/api/v1/openapi.json", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/healthz", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/metrics", "", {200, 200, 200, 200, 200, 200}},
    {"DELETE", "/api/v1/me", "", {401, 204, 204, 204, 204, 204}},
};

class AuthzTest : public ServerTest, public ::testing::WithParamInterface<bool> {
 protected:
  ServerOptions Options() override {
    ServerOptions o;
    o.limits.signups_per_address = 1000;
    return o;
  }
  void MakeCallers() {
    who_[kMemberA] = SignUp("a@example.org");
    who_[kMemberB] = SignUp("b@example.org");
    who_[kUnjoined] = SignUp("u@example.org", "");
    who_[kBuyer] = SignUp("buyer@example.org", ",\"role\":\"buyer\"");
    who_[kSteward] = Direct("steward@example.org", store::Role::kSteward, true);
  }
  Who who_[kCallers];
  int signups_ = 0;
};

TEST_P(AuthzTest, EveryRouteAdmitsExactlyItsCallers) {
  const bool bearer = GetParam();
  MakeCallers();
  std::set<std::pair<std::string, std::string>> covered;
  for (const Row& row : kMatrix) {
    covered.emplace(row.method, row.path);
    for (int c = 0; c < kCallers; ++c) {
      // A fresh credential per call: logout and erasure must not spoil the next.
      Who who = c == kAnon ? Who{} : Fresh(who_[c], bearer);
      std::string body = row.body;
      std::string type = "application/json";
      if (body == "SIGNUP") {
        body = R"({"email":"new)" + std::to_string(++signups_) +
               R"(@example.org","password":"a long enough passphrase"})";
      } else if (body == "LOGIN") {
        body = R"({"email":"a@example.org","password":"a long enough passphrase"})";
      } else if (body == "upload") {
        body = "PK\x03\x04 not really a zip";
        type = "application/zip";
      }
      auto res = Send(row.method, row.path, &who, body, type);
      ASSERT_TRUE(res) << row.method << " " << row.path;
      EXPECT_EQ(res->status, row.expect[c])
          << row.method << " " << row.path << " as " << kCallerNames[c]
          << (bearer ? " (bearer)" : " (cookie)") << ": " << res->body;
      if (res->status >= 400) {
        EXPECT_NE(JsonStr(res->body, "/error/code"), "<missing>") << res->body;
      }
    }
  }
  std::set<std::pair<std::string, std::string>> routes;
  for (const Route& r : server_->routes()) routes.emplace(r.method, r.path);
  EXPECT_EQ(covered, routes) << "every route is in the matrix";
  for (int c = kMemberA; c < kCallers; ++c) {
    EXPECT_FALSE(store_->FindMember(who_[c].id).value()) << "erased by the last row";
  }
}

INSTANTIATE_TEST_SUITE_P(CookieAndBearer, AuthzTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& p) {
                           return p.param ? "bearer" : "cookie";
                         });

TEST_F(ServerTest, NothingOfMemberBEverReachesMemberA) {
  Who a = SignUp("alice@example.org");
  Who b = SignUp("bob@example.org");
  Send("PUT", "/api/v1/me/consent", &b, R"({"listening-patterns":true})");
  ASSERT_TRUE(store_
                  ->PutContribution({b.id, R"({"marker":"bob-secret-summary"})", "bob-signature",
                                     0.9, R"({"marker":"bob-secret-checks"})", 77, 1},
                                    {"bob-key"}, {1, 77, 0, 0.9})
                  .ok());
  Who a_bearer = Fresh(a, true);
  for (const Who* who : {&a, &a_bearer}) {
    for (const char* path : {"/api/v1/me", "/api/v1/me/export", "/api/v1/me/contributions",
                             "/api/v1/coop", "/metrics", "/api/v1/charter"}) {
      auto res = Send("GET", path, who);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 200) << path;
      for (const std::string& secret :
           {b.email, b.pseudonym, std::string("bob-secret"), std::string("bob-signature"),
            "\"id\":" + std::to_string(b.id)}) {
        EXPECT_THAT(res->body, Not(HasSubstr(secret))) << path;
      }
    }
  }
  auto me = Send("GET", "/api/v1/me", &a);
  ASSERT_TRUE(me);
  EXPECT_EQ(JsonBool(me->body, "/consents/listening-patterns/granted"), 0);
  // A's writes touch only A.
  Send("PUT", "/api/v1/me/consent", &a, R"({"listening-patterns":false,"dj-sets":true})");
  EXPECT_TRUE(store_->Consents(b.id).value().at("listening-patterns").granted);
  EXPECT_FALSE(store_->Consents(b.id).value().at("dj-sets").granted);
  Send("DELETE", "/api/v1/me", &a);
  EXPECT_TRUE(store_->FindMember(b.id).value());
}

TEST_F(ServerTest, OpenApiDocumentDescribesExactlyTheRouteTable) {
  auto res = Send("GET", "/api/v1/openapi.json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->body, std::string(OpenApiJson()));
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(res->body);
  EXPECT_EQ(std::string_view(doc["openapi"]).substr(0, 2), "3.");
  std::set<std::pair<std::string, std::string>> documented;
  std::map<std::pair<std::string, std::string>, std::string> access;
  for (auto path : simdjson::dom::object(doc["paths"])) {
    for (auto op : simdjson::dom::object(path.value)) {
      std::string method(op.key);
      for (char& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      documented.emplace(method, std::string(path.key));
      access[{method, std::string(path.key)}] =
          std::string(std::string_view(op.value["x-chorus-access"]));
      EXPECT_TRUE(op.value["responses"].is_object()) << path.key;
    }
  }
  std::set<std::pair<std::string, std::string>> routes;
  for (const Route& r : server_->routes()) {
    routes.emplace(r.method, r.path);
    EXPECT_EQ(access[std::pair(r.method, r.path)], AccessName(r.access))
        << r.method << " " << r.path;
  }
  EXPECT_EQ(documented, routes);
  EXPECT_EQ(routes.size(), 17u);
}

}  // namespace
}  // namespace chorus::server
