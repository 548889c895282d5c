// The store suite: run against every backend this machine can start (today
// SQLite, in a temporary file); the same tests will run on PostgreSQL.
#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "store/migrations.h"

namespace chorus::store {
namespace {

namespace fs = std::filesystem;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("chorus-store-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    url_ = "sqlite:" + (dir_ / "coop.db").string();
    auto s = OpenStore(url_);
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(s.value());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  int64_t Join(const std::string& email, const std::string& pseudonym) {
    auto id = store_->CreateMember({email, "$argon2id$v=19$stub", pseudonym, Role::kMember, 1000});
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? id.value() : 0;
  }

  fs::path dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, NewStoreIsAtTheLatestSchemaAndReopeningKeepsIt) {
  EXPECT_EQ(store_->SchemaVersion(), kLatestSchema);
  int64_t id = Join("a@example.org", "m-a");
  store_.reset();
  auto again = OpenStore(url_);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again.value()->SchemaVersion(), kLatestSchema);
  auto m = again.value()->FindMember(id);
  ASSERT_TRUE(m.ok());
  ASSERT_TRUE(m.value());
  EXPECT_EQ(m.value()->email, "a@example.org");
}

TEST_F(StoreTest, MembersAreFoundByEmailAndIdAndEmailsAreUnique) {
  int64_t a = Join("a@example.org", "m-a");
  int64_t b = Join("b@example.org", "m-b");
  EXPECT_NE(a, b);
  auto found = store_->FindMemberByEmail("b@example.org");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found.value());
  EXPECT_EQ(found.value()->id, b);
  EXPECT_EQ(found.value()->pseudonym, "m-b");
  EXPECT_EQ(found.value()->role, Role::kMember);
  auto none = store_->FindMemberByEmail("c@example.org");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none.value());
  auto dup = store_->CreateMember({"a@example.org", "h", "m-c", Role::kMember, 0});
  ASSERT_FALSE(dup.ok());
  EXPECT_TRUE(dup.status().IsBadInput());
}

TEST_F(StoreTest, ConsentIsPerScopeTimeStampedAndRevocable) {
  int64_t a = Join("a@example.org", "m-a");
  ASSERT_TRUE(store_->SetConsent(a, "ai-training", true, 2000).ok());
  ASSERT_TRUE(store_->SetConsent(a, "transitions", true, 2100).ok());
  ASSERT_TRUE(store_->SetConsent(a, "ai-training", false, 3000).ok());
  auto c = store_->Consents(a);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c.value().size(), std::size(kConsentScopes));
  EXPECT_FALSE(c.value().at("ai-training").granted);
  EXPECT_EQ(c.value().at("ai-training").changed_ms, 3000);
  EXPECT_TRUE(c.value().at("transitions").granted);
  EXPECT_FALSE(c.value().at("dj-sets").granted);
  EXPECT_EQ(c.value().at("dj-sets").changed_ms, 0);
  Status bad = store_->SetConsent(a, "sell-everything", true, 4000);
  EXPECT_TRUE(bad.IsBadInput());
  EXPECT_NE(bad.message().find("sell-everything"), std::string::npos);
  EXPECT_EQ(store_->SetConsent(999, "dj-sets", true, 1).code(), Code::kNotFound);
}

TEST_F(StoreTest, ConsentHistoryKeepsEveryChangeInOrder) {
  int64_t a = Join("a@example.org", "m-a");
  ASSERT_TRUE(store_->SetConsent(a, "ai-training", true, 2000).ok());
  ASSERT_TRUE(store_->SetConsent(a, "ai-training", false, 3000).ok());
  ASSERT_TRUE(store_->SetConsent(a, "dj-sets", true, 3000).ok());
  auto h = store_->ConsentHistory(a);
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h.value().size(), 3u);
  EXPECT_EQ(h.value()[0].scope, "ai-training");
  EXPECT_TRUE(h.value()[0].granted);
  EXPECT_FALSE(h.value()[1].granted);
  EXPECT_EQ(h.value()[1].at_ms, 3000);
  EXPECT_EQ(h.value()[2].scope, "dj-sets");
}

TEST_F(StoreTest, AcceptingTheCharterMakesAMember) {
  int64_t a = Join("a@example.org", "m-a");
  EXPECT_EQ(store_->FindMember(a).value()->charter_version, 0);
  ASSERT_TRUE(store_->AcceptCharter(a, 1, 7000).ok());
  auto m = store_->FindMember(a).value();
  EXPECT_EQ(m->charter_version, 1);
  EXPECT_EQ(m->charter_accepted_ms, 7000);
  EXPECT_EQ(store_->AcceptCharter(999, 1, 1).code(), Code::kNotFound);
}

TEST_F(StoreTest, EraseDeletesTheMemberAndEveryConsentRow) {
  int64_t a = Join("a@example.org", "m-a");
  int64_t b = Join("b@example.org", "m-b");
  ASSERT_TRUE(store_->SetConsent(a, "dj-sets", true, 10).ok());
  ASSERT_TRUE(store_->SetConsent(b, "dj-sets", true, 10).ok());
  ASSERT_TRUE(store_->EraseMember(a).ok());
  auto gone = store_->FindMember(a);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone.value());
  EXPECT_EQ(store_->Consents(a).status().code(), Code::kNotFound);
  EXPECT_TRUE(store_->Consents(b).value().at("dj-sets").granted);
  // Nothing of the erased member is left in the file's tables.
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "coop.db").c_str(), &db), SQLITE_OK);
  for (const char* sql : {"SELECT COUNT(*) FROM consents WHERE member_id = 1",
                          "SELECT COUNT(*) FROM consent_changes WHERE member_id = 1",
                          "SELECT COUNT(*) FROM members WHERE email = 'a@example.org'"}) {
    sqlite3_stmt* q = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, sql, -1, &q, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int64(q, 0), 0) << sql;
    sqlite3_finalize(q);
  }
  sqlite3_close(db);
}

TEST_F(StoreTest, CredentialsAreFoundByTokenHashAndDeleted) {
  int64_t a = Join("a@example.org", "m-a");
  Credential session{"hash-1", a, CredentialKind::kSession, "csrf-1", 100, 200};
  Credential token{"hash-2", a, CredentialKind::kApiToken, "", 100, 900};
  ASSERT_TRUE(store_->CreateCredential(session).ok());
  ASSERT_TRUE(store_->CreateCredential(token).ok());
  EXPECT_FALSE(store_->CreateCredential(session).ok());  // the hash is the key
  auto found = store_->FindCredential("hash-1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found.value());
  EXPECT_EQ(found.value()->member_id, a);
  EXPECT_EQ(found.value()->kind, CredentialKind::kSession);
  EXPECT_EQ(found.value()->csrf_token, "csrf-1");
  EXPECT_EQ(found.value()->expires_ms, 200);
  EXPECT_EQ(store_->FindCredential("hash-2").value()->kind, CredentialKind::kApiToken);
  ASSERT_TRUE(store_->DeleteCredential("hash-1").ok());
  EXPECT_FALSE(store_->FindCredential("hash-1").value());
  EXPECT_EQ(store_->CreateCredential({"hash-3", 999, CredentialKind::kSession, "", 0, 1}).code(),
            Code::kNotFound);
}

TEST_F(StoreTest, ContributionIsReplacedByTheMergeAndItsHistoryKept) {
  int64_t a = Join("a@example.org", "m-a");
  EXPECT_FALSE(store_->FindContribution(a).value());
  Contribution first{a, R"({"v":1})", "sig-1", 0.25, R"({"checks":[]})", 1000, 5000};
  ASSERT_TRUE(store_->PutContribution(first, {"key-a"}, {5000, 1000, 0, 0.25}).ok());
  Contribution merged{a, R"({"v":2})", "sig-2", 0.5, R"({"checks":[1]})", 1500, 6000};
  ASSERT_TRUE(store_->PutContribution(merged, {"key-a", "key-b"}, {6000, 500, 0.25, 0.5}).ok());
  auto c = store_->FindContribution(a);
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(c.value());
  EXPECT_EQ(c.value()->summary_json, R"({"v":2})");
  EXPECT_EQ(c.value()->signature, "sig-2");
  EXPECT_DOUBLE_EQ(c.value()->quality, 0.5);
  EXPECT_EQ(c.value()->plays, 1500);
  EXPECT_EQ(c.value()->updated_ms, 6000);
  auto history = store_->ContributionHistory(a);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history.value().size(), 2u);
  EXPECT_EQ(history.value()[0].plays_added, 1000);
  EXPECT_EQ(history.value()[1].plays_added, 500);
  EXPECT_DOUBLE_EQ(history.value()[1].quality_before, 0.25);
  EXPECT_EQ(store_->AccountKeyOwner("key-b").value(), std::optional<int64_t>(a));
  EXPECT_FALSE(store_->AccountKeyOwner("key-z").value());
}

TEST_F(StoreTest, AnAccountKeyOfAnotherMemberRejectsTheWholeContribution) {
  int64_t a = Join("a@example.org", "m-a");
  int64_t b = Join("b@example.org", "m-b");
  ASSERT_TRUE(
      store_->PutContribution({a, "{}", "sig-a", 0.1, "{}", 10, 1}, {"key-a"}, {1, 10, 0, 0.1})
          .ok());
  Status dup = store_->PutContribution({b, "{}", "sig-b", 0.1, "{}", 10, 2}, {"key-new", "key-a"},
                                       {2, 10, 0, 0.1});
  EXPECT_EQ(dup.code(), Code::kInvalidInput);
  EXPECT_NE(dup.message().find("another member"), std::string::npos);
  // Nothing of the refused contribution was written, not even its new key.
  EXPECT_FALSE(store_->FindContribution(b).value());
  EXPECT_FALSE(store_->AccountKeyOwner("key-new").value());
  EXPECT_TRUE(store_->ContributionHistory(b).value().empty());
}

TEST_F(StoreTest, SignaturesAreVisitedInMemberOrderAndErasureRemovesEverything) {
  int64_t a = Join("a@example.org", "m-a");
  int64_t b = Join("b@example.org", "m-b");
  ASSERT_TRUE(
      store_->PutContribution({b, "{}", "sig-b", 0.1, "{}", 1, 1}, {"kb"}, {1, 1, 0, 0.1}).ok());
  ASSERT_TRUE(
      store_->PutContribution({a, "{}", "sig-a", 0.1, "{}", 1, 1}, {"ka"}, {1, 1, 0, 0.1}).ok());
  ASSERT_TRUE(store_->CreateCredential({"ha", a, CredentialKind::kSession, "c", 0, 9}).ok());
  std::vector<std::pair<int64_t, std::string>> seen;
  ASSERT_TRUE(store_
                  ->ForEachSignature([&](int64_t member, std::string_view sig) {
                    seen.emplace_back(member, std::string(sig));
                  })
                  .ok());
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], std::make_pair(a, std::string("sig-a")));
  EXPECT_EQ(seen[1], std::make_pair(b, std::string("sig-b")));
  EXPECT_EQ(store_->CountMembers().value(), 2);
  ASSERT_TRUE(store_->EraseMember(a).ok());
  EXPECT_EQ(store_->CountMembers().value(), 1);
  EXPECT_FALSE(store_->FindContribution(a).value());
  EXPECT_FALSE(store_->FindCredential("ha").value());
  EXPECT_FALSE(store_->AccountKeyOwner("ka").value());
  EXPECT_TRUE(store_->ContributionHistory(a).value().empty());
  EXPECT_TRUE(store_->FindContribution(b).value());
}

TEST_F(StoreTest, ListMembersGivesRoleCharterAndContributionWithoutEmails) {
  int64_t a = Join("a@example.org", "m-a");
  auto buyer = store_->CreateMember({"b@example.org", "$argon2id$stub", "m-b", Role::kBuyer, 2});
  ASSERT_TRUE(buyer.ok());
  ASSERT_TRUE(store_->AcceptCharter(a, 1, 5).ok());
  ASSERT_TRUE(
      store_->PutContribution({a, "{}", "sig-a", 0.75, "{}", 1234, 9}, {"ka"}, {9, 1234, 0, 0.75})
          .ok());
  auto list = store_->ListMembers();
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(list->size(), 2u);
  const MemberSummary& first = list.value()[0];
  EXPECT_EQ(first.id, a);
  EXPECT_EQ(first.pseudonym, "m-a");
  EXPECT_EQ(first.role, Role::kMember);
  EXPECT_EQ(first.charter_version, 1);
  EXPECT_TRUE(first.has_contribution);
  EXPECT_DOUBLE_EQ(first.quality, 0.75);
  EXPECT_EQ(first.plays, 1234);
  const MemberSummary& second = list.value()[1];
  EXPECT_EQ(second.pseudonym, "m-b");
  EXPECT_EQ(second.role, Role::kBuyer);
  EXPECT_EQ(second.charter_version, 0);
  EXPECT_FALSE(second.has_contribution);
  EXPECT_EQ(second.plays, 0);
}

TEST_F(StoreTest, EnsureSettingKeepsTheFirstValue) {
  auto first = store_->EnsureSetting("hmac-key", "k1");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.value(), "k1");
  EXPECT_EQ(store_->EnsureSetting("hmac-key", "k2").value(), "k1");
  EXPECT_EQ(store_->EnsureSetting("other", "v").value(), "v");
}

TEST(OpenStore, UnknownUrlAndUnwritablePathAreClearErrors) {
  auto pg = OpenStore("mysql://x");
  ASSERT_FALSE(pg.ok());
  EXPECT_TRUE(pg.status().IsBadInput());
  auto nowhere = OpenStore("sqlite:/nonexistent-dir/coop.db");
  ASSERT_FALSE(nowhere.ok());
  EXPECT_NE(nowhere.status().message().find("/nonexistent-dir/coop.db"), std::string::npos);
}

}  // namespace
}  // namespace chorus::store
