// Membership over HTTP: joining, consent with history, export, erasure, the
// contribution seam, the steward's list, public counts, the demo seed.
#include "coop/onboarding.h"
#include "core/time_util.h"
#include "server/demo.h"
#include "server/server_test_util.h"

namespace chorus::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(ServerTest, JoiningTakesTheCharterAndUnlocksConsent) {
  Who nia = SignUp("nia@example.org", "");
  auto before = Send("PUT", "/api/v1/me/consent", &nia, R"({"artist-signals":true})");
  ASSERT_TRUE(before);
  EXPECT_EQ(before->status, 403);
  EXPECT_EQ(JsonStr(before->body, "/error/code"), "not_joined");
  auto refused = Send("POST", "/api/v1/me/join", &nia, R"({"accept_charter":false})");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_THAT(JsonStr(refused->body, "/error/message"), HasSubstr("accept_charter"));
  auto joined = Send("POST", "/api/v1/me/join", &nia, R"({"accept_charter":true})");
  ASSERT_TRUE(joined);
  ASSERT_EQ(joined->status, 200) << joined->body;
  EXPECT_EQ(JsonBool(joined->body, "/joined"), 1);
  EXPECT_EQ(JsonInt(joined->body, "/charter_version"), 1);
  auto charter = Send("GET", "/api/v1/charter");
  ASSERT_TRUE(charter);
  EXPECT_EQ(JsonInt(charter->body, "/version"), 1);
  EXPECT_THAT(JsonStr(charter->body, "/text"), HasSubstr("Consent"));
  auto after = Send("PUT", "/api/v1/me/consent", &nia, R"({"artist-signals":true})");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

TEST_F(ServerTest, ConsentChangesAreTimeStampedAndOnlyRealChangesEnterTheHistory) {
  Who oz = SignUp("oz@example.org");
  int64_t t0 = TestNowMs();
  auto res = Send("PUT", "/api/v1/me/consent", &oz, R"({"ai-training":true,"dj-sets":true})");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(JsonBool(res->body, "/consents/ai-training/granted"), 1);
  EXPECT_EQ(JsonBool(res->body, "/consents/dj-sets/granted"), 1);
  EXPECT_EQ(JsonBool(res->body, "/consents/transitions/granted"), 0);
  EXPECT_EQ(JsonStr(res->body, "/consents/transitions/changed"), "<missing>") << "null: never";
  EXPECT_EQ(JsonStr(res->body, "/consents/ai-training/changed").substr(0, 4),
            FormatIsoUtc(t0).substr(0, 4));
  Send("PUT", "/api/v1/me/consent", &oz, R"({"ai-training":true})");  // unchanged
  Send("PUT", "/api/v1/me/consent", &oz, R"({"ai-training":false})");
  auto history = store_->ConsentHistory(oz.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ(history.value()[2].scope, "ai-training");
  EXPECT_FALSE(history.value()[2].granted);
  EXPECT_GE(history.value()[0].at_ms, t0);
}

TEST_F(ServerTest, ExportHoldsEverythingAboutTheCallerButThePasswordHash) {
  Who pia = SignUp("pia@example.org");
  Send("PUT", "/api/v1/me/consent", &pia, R"({"ai-training":true})");
  Send("PUT", "/api/v1/me/consent", &pia, R"({"ai-training":false})");
  ASSERT_TRUE(store_
                  ->PutContribution({pia.id, R"({"artists":[{"name":"Nina","plays":12}]})", "sig",
                                     0.5, R"({"authentic":true})", 12, 1700000000000},
                                    {"acct"}, {1700000000000, 12, 0, 0.5})
                  .ok());
  auto res = Send("GET", "/api/v1/me/export", &pia);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Disposition"),
            "attachment; filename=\"chorus-export-" + pia.pseudonym + ".json\"");
  const std::string& b = res->body;
  EXPECT_EQ(JsonStr(b, "/schema"), "chorus-member-export");
  EXPECT_EQ(JsonStr(b, "/member/email"), "pia@example.org");
  EXPECT_EQ(JsonStr(b, "/member/pseudonym"), pia.pseudonym);
  EXPECT_EQ(JsonInt(b, "/member/charter_version"), 1);
  EXPECT_THAT(b, Not(HasSubstr("argon2")));
  EXPECT_THAT(b, Not(HasSubstr("password")));
  ASSERT_EQ(JsonSize(b, "/consent_history"), 2u);
  EXPECT_EQ(JsonStr(b, "/consent_history/0/scope"), "ai-training");
  EXPECT_EQ(JsonBool(b, "/consent_history/0/granted"), 1);
  EXPECT_EQ(JsonBool(b, "/consent_history/1/granted"), 0);
  EXPECT_EQ(JsonBool(b, "/consents/ai-training/granted"), 0);
  EXPECT_EQ(JsonStr(b, "/contribution/summary/artists/0/name"), "Nina");
  EXPECT_EQ(JsonInt(b, "/contribution/plays"), 12);
  EXPECT_EQ(JsonBool(b, "/contribution/checks/authentic"), 1);
  ASSERT_EQ(JsonSize(b, "/history"), 1u);
  EXPECT_EQ(JsonInt(b, "/history/0/plays_added"), 12);
  EXPECT_EQ(JsonStr(b, "/history/0/at"), "2023-11-14T22:13:20Z");
  auto mine = Send("GET", "/api/v1/me/contributions", &pia);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->status, 200);
  EXPECT_EQ(JsonStr(mine->body, "/contribution/summary/artists/0/name"), "Nina");
}

TEST_F(ServerTest, ErasureRemovesEverythingAndTheAccountCannotLogInAgain) {
  Who quin = SignUp("quin@example.org");
  Who token = Fresh(quin, true);
  Send("PUT", "/api/v1/me/consent", &quin, R"({"transitions":true})");
  ASSERT_TRUE(
      store_->PutContribution({quin.id, "{}", "sig-q", 0.2, "{}", 5, 1}, {"kq"}, {1, 5, 0, 0.2})
          .ok());
  Who no_csrf = quin;
  no_csrf.csrf.clear();
  auto guarded = Send("DELETE", "/api/v1/me", &no_csrf);
  ASSERT_TRUE(guarded);
  EXPECT_EQ(guarded->status, 403) << "erasing by cookie needs the CSRF token";
  auto res = Send("DELETE", "/api/v1/me", &quin);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  EXPECT_THAT(res->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0"));
  EXPECT_FALSE(store_->FindMemberByEmail("quin@example.org").value());
  EXPECT_FALSE(store_->FindMember(quin.id).value());
  EXPECT_FALSE(store_->FindContribution(quin.id).value());
  EXPECT_FALSE(store_->AccountKeyOwner("kq").value());
  EXPECT_FALSE(store_->ConsentHistory(quin.id).ok());
  EXPECT_FALSE(store_->FindCredential(Auth::TokenHash(token.bearer)).value());
  for (const Who* who : {&quin, &token}) {
    auto me = Send("GET", "/api/v1/me", who);
    ASSERT_TRUE(me);
    EXPECT_EQ(me->status, 401);
  }
  auto login = Send("POST", "/api/v1/auth/login", nullptr,
                    R"({"email":"quin@example.org","password":"a long enough passphrase"})");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 401);
  SignUp("quin@example.org");  // the address is free again
}

class HookedServerTest : public ServerTest {
 protected:
  ServerOptions Options() override {
    ServerOptions o;
    o.contributions = [this](const ContributionUpload& upload) {
      seen_member = upload.member_id;
      seen_type = upload.content_type;
      seen_bytes = upload.body.size();
      return ContributionReply{202, R"({"accepted":true})"};
    };
    return o;
  }
  int64_t seen_member = 0;
  std::string seen_type;
  size_t seen_bytes = 0;
};

TEST_F(HookedServerTest, TheContributionSeamGetsTheMemberAndTheUpload) {
  Who ria = SignUp("ria@example.org");
  auto res =
      Send("POST", "/api/v1/contributions", &ria, std::string(100000, 'x'), "application/zip");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_EQ(JsonBool(res->body, "/accepted"), 1);
  EXPECT_EQ(seen_member, ria.id);
  EXPECT_EQ(seen_type, "application/zip");
  EXPECT_EQ(seen_bytes, 100000u);
}

TEST_F(ServerTest, StewardsListMembersWithoutEmailsAndCountsArePublic) {
  Who steward = Direct("sam@example.org", store::Role::kSteward, true);
  Who tia = SignUp("tia@example.org");
  SignUp("ugo@example.org", "");
  SignUp("buyer@example.org", ",\"role\":\"buyer\"");
  ASSERT_TRUE(
      store_->PutContribution({tia.id, "{}", "s", 0.8, "{}", 321, 1}, {"kt"}, {1, 321, 0, 0.8})
          .ok());
  auto res = Send("GET", "/api/v1/members", &steward);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->body, Not(HasSubstr("@")));
  ASSERT_EQ(JsonSize(res->body, "/members"), 4u);
  EXPECT_EQ(JsonStr(res->body, "/members/0/role"), "steward");
  EXPECT_EQ(JsonStr(res->body, "/members/1/pseudonym"), tia.pseudonym);
  EXPECT_EQ(JsonInt(res->body, "/members/1/plays"), 321);
  EXPECT_EQ(JsonBool(res->body, "/members/2/joined"), 0);
  EXPECT_EQ(JsonStr(res->body, "/members/3/role"), "buyer");
  auto coop = Send("GET", "/api/v1/coop");
  ASSERT_TRUE(coop);
  EXPECT_EQ(JsonInt(coop->body, "/members"), 2);  // steward and tia joined
  EXPECT_EQ(JsonInt(coop->body, "/accounts"), 4);
  EXPECT_EQ(JsonInt(coop->body, "/buyers"), 1);
  EXPECT_EQ(JsonInt(coop->body, "/stewards"), 1);
  EXPECT_EQ(JsonInt(coop->body, "/contributions"), 1);
  EXPECT_EQ(JsonInt(coop->body, "/plays"), 321);
}

TEST_F(ServerTest, DemoSeedMakesOneStewardWhoseRandomPasswordLogsIn) {
  auto seed = SeedDemo(*store_);
  ASSERT_TRUE(seed.ok()) << seed.status().message();
  EXPECT_TRUE(seed->created);
  EXPECT_EQ(seed->steward_email, "steward@demo.chorus");
  EXPECT_GE(seed->steward_password.size(), 20u);
  Who steward = LogIn("steward@demo.chorus", seed->steward_password);
  auto me = Send("GET", "/api/v1/me", &steward);
  ASSERT_TRUE(me);
  EXPECT_EQ(JsonStr(me->body, "/role"), "steward");
  EXPECT_EQ(JsonBool(me->body, "/joined"), 1);
  auto again = SeedDemo(*store_);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  EXPECT_TRUE(again->steward_password.empty());
  EXPECT_EQ(store_->CountMembers().value(), 1);
}

TEST_F(ServerTest, DemoSeedAddsSyntheticMembersAcceptedByTheProof) {
  auto onboarding = coop::Onboarding::Open(*store_);
  ASSERT_TRUE(onboarding.ok()) << onboarding.status().message();
  auto seed = SeedDemo(*store_, onboarding.value().get(), 6);
  ASSERT_TRUE(seed.ok()) << seed.status().message();
  EXPECT_EQ(seed->members, 6);
  auto list = store_->ListMembers();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 7u);  // the steward and six members
  for (size_t i = 1; i < list->size(); ++i) {
    const store::MemberSummary& m = list.value()[i];
    EXPECT_TRUE(m.has_contribution) << m.pseudonym;
    EXPECT_GT(m.plays, 5000) << m.pseudonym;
    EXPECT_GT(m.quality, 0.3) << m.pseudonym;
  }
  EXPECT_EQ(onboarding.value()->indexed_members(), 6u);
  // Demo members cannot log in, whatever password is tried.
  auto login = Send("POST", "/api/v1/auth/login", nullptr,
                    R"({"email":"member001@demo.chorus","password":"!demo-member-no-login"})");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 401);
}

}  // namespace
}  // namespace chorus::server
