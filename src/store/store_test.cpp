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
