// The store suite, run against both backends (DESIGN.md "Storage"): SQLite
// in a temporary file, and PostgreSQL on a real throwaway server started by
// tests/pg_server.sh, each test in a fresh database. Under ctest the
// pg_server_start fixture starts the server and CHORUS_TEST_PG_URL_FILE
// names the file holding its URL; run by hand, without that variable, this
// binary starts (and at exit stops) a server of its own with the script.
#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "store/migrations.h"

namespace chorus::store {
namespace {

namespace fs = std::filesystem;

// The PostgreSQL server of this run: the fixture's, or one started here.
class PgServer : public ::testing::Environment {
 public:
  // The URL of the server's admin database, or why there is none.
  static Result<std::string> AdminUrl() {
    static Result<std::string> url = Start();
    return url;
  }
  void TearDown() override {
    if (!own_dir().empty()) Script("stop", own_dir(), "");
  }

 private:
  static std::string& own_dir() {
    static std::string dir;
    return dir;
  }
  static std::string Script(const std::string& cmd, const std::string& dir,
                            const std::string& owner) {
    std::string line =
        "bash " CHORUS_SOURCE_DIR "/tests/pg_server.sh " + cmd + " " + dir + " " + owner;
    std::string out;
    if (FILE* p = popen(line.c_str(), "r")) {
      char buf[512];
      while (fgets(buf, sizeof buf, p) != nullptr) out += buf;
      if (pclose(p) != 0) out.clear();
    }
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }
  static Result<std::string> Start() {
    if (const char* file = std::getenv("CHORUS_TEST_PG_URL_FILE")) {
      std::ifstream in(file);
      std::string url;
      if (!std::getline(in, url) || url.empty()) {
        return IoError(std::string("CHORUS_TEST_PG_URL_FILE=") + file +
                       ": no server URL there. The pg_server_start fixture starts the server: "
                       "run the suite with ctest (ctest -R store), or unset the variable and "
                       "store_test starts its own with tests/pg_server.sh");
      }
      return url;
    }
    own_dir() = "/tmp/chorus-pg-t" + std::to_string(getpid());
    std::string url = Script("start", own_dir(), std::to_string(getpid()));
    if (url.empty()) {
      own_dir().clear();
      return IoError(
          "tests/pg_server.sh could not start a PostgreSQL server (see its output "
          "above); it needs the postgresql package (scripts/install-deps.sh)");
    }
    return url;
  }
};
[[maybe_unused]] ::testing::Environment* const kPgServer =
    ::testing::AddGlobalTestEnvironment(new PgServer);

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  bool pg() const { return GetParam() == "postgresql"; }

  void SetUp() override {
    if (pg()) {
      auto admin = PgServer::AdminUrl();
      ASSERT_TRUE(admin.ok()) << admin.status().message();
      admin_url_ = admin.value();
      static std::atomic<int> next{0};
      db_ = "t_" + std::to_string(getpid()) + "_" + std::to_string(next++);
      pqxx::connection c(admin_url_);
      pqxx::nontransaction n(c);
      n.exec("CREATE DATABASE " + db_ + " TEMPLATE template0");  // a generated name
      size_t query = admin_url_.find('?');
      size_t slash = admin_url_.rfind('/', query);
      url_ = admin_url_.substr(0, slash + 1) + db_ + admin_url_.substr(query);
    } else {
      std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
      std::replace(name.begin(), name.end(), '/', '-');  // "Test/sqlite"
      dir_ = fs::temp_directory_path() / ("chorus-store-" + std::to_string(getpid()) + "-" + name);
      fs::remove_all(dir_);
      fs::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "coop.db").string();
    }
    auto s = OpenStore(url_);
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(s.value());
  }
  void TearDown() override {
    store_.reset();
    if (pg() && !db_.empty()) {
      pqxx::connection c(admin_url_);
      pqxx::nontransaction n(c);
      n.exec("DROP DATABASE IF EXISTS " + db_ + " WITH (FORCE)");
    } else if (!dir_.empty()) {
      fs::remove_all(dir_);
    }
  }
  int64_t Join(const std::string& email, const std::string& pseudonym) {
    auto id = store_->CreateMember({email, "$argon2id$v=19$stub", pseudonym, Role::kMember, 1000});
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? id.value() : 0;
  }
  // Raw SQL on the test's database, bypassing the store: rows of `table`
  // whose `column` is `value` (table and column are the test's constants).
  int64_t CountRows(const std::string& table, const std::string& column, int64_t value) {
    std::string sql = "SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ";
    if (pg()) {
      pqxx::connection c(url_);
      pqxx::nontransaction n(c);
      return n.exec_params(sql + "$1", value)[0][0].as<int64_t>();
    }
    sqlite3* db = nullptr;
    sqlite3_stmt* q = nullptr;
    int64_t n = -1;
    if (sqlite3_open((dir_ / "coop.db").c_str(), &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, (sql + "?1").c_str(), -1, &q, nullptr) == SQLITE_OK) {
      sqlite3_bind_int64(q, 1, value);
      if (sqlite3_step(q) == SQLITE_ROW) n = sqlite3_column_int64(q, 0);
    }
    EXPECT_NE(n, -1) << sql << ": " << sqlite3_errmsg(db);
    sqlite3_finalize(q);
    sqlite3_close(db);
    return n;
  }
  void RawExec(const std::string& sql) {
    if (pg()) {
      pqxx::connection c(url_);
      pqxx::nontransaction n(c);
      n.exec(sql);
      return;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "coop.db").c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    sqlite3_close(db);
  }

  fs::path dir_;
  std::string admin_url_, db_, url_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, NewStoreIsAtTheLatestSchemaAndReopeningKeepsIt) {
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

TEST_P(StoreTest, MembersAreFoundByEmailAndIdAndEmailsAreUnique) {
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

TEST_P(StoreTest, ConsentIsPerScopeTimeStampedAndRevocable) {
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

TEST_P(StoreTest, ConsentHistoryKeepsEveryChangeInOrder) {
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

TEST_P(StoreTest, AcceptingTheCharterMakesAMember) {
  int64_t a = Join("a@example.org", "m-a");
  EXPECT_EQ(store_->FindMember(a).value()->charter_version, 0);
  ASSERT_TRUE(store_->AcceptCharter(a, 1, 7000).ok());
  auto m = store_->FindMember(a).value();
  EXPECT_EQ(m->charter_version, 1);
  EXPECT_EQ(m->charter_accepted_ms, 7000);
  EXPECT_EQ(store_->AcceptCharter(999, 1, 1).code(), Code::kNotFound);
}

TEST_P(StoreTest, EraseLeavesNothingOfTheMemberInAnyTable) {
  int64_t a = Join("a@example.org", "m-a");
  int64_t b = Join("b@example.org", "m-b");
  for (int64_t m : {a, b}) {
    std::string n = std::to_string(m);
    ASSERT_TRUE(store_->SetConsent(m, "dj-sets", true, 10).ok());
    ASSERT_TRUE(store_->CreateCredential({"h" + n, m, CredentialKind::kSession, "c", 0, 9}).ok());
    ASSERT_TRUE(
        store_->PutContribution({m, "{}", "sig" + n, 0.1, "{}", 1, 1}, {"k" + n}, {1, 1, 0, 0.1})
            .ok());
  }
  ASSERT_TRUE(store_->EraseMember(a).ok());
  auto gone = store_->FindMember(a);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone.value());
  EXPECT_EQ(store_->Consents(a).status().code(), Code::kNotFound);
  EXPECT_EQ(store_->EraseMember(a).code(), Code::kNotFound);
  EXPECT_TRUE(store_->Consents(b).value().at("dj-sets").granted);
  // Raw SQL on every table: nothing of the erased member is left, and the
  // other member's rows (which the same query counts) are all still there.
  store_.reset();
  const std::pair<const char*, const char*> kTables[] = {{"members", "id"},
                                                         {"consents", "member_id"},
                                                         {"consent_changes", "member_id"},
                                                         {"credentials", "member_id"},
                                                         {"contributions", "member_id"},
                                                         {"contribution_events", "member_id"},
                                                         {"account_keys", "member_id"}};
  for (const auto& [table, column] : kTables) {
    EXPECT_EQ(CountRows(table, column, a), 0) << table;
    EXPECT_EQ(CountRows(table, column, b), 1) << table;
  }
}

TEST_P(StoreTest, CredentialsAreFoundByTokenHashAndDeleted) {
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

TEST_P(StoreTest, ContributionIsReplacedByTheMergeAndItsHistoryKept) {
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
  // Doubles survive the round trip exactly (PostgreSQL gets them as text).
  const double third = 1.0 / 3.0;
  ASSERT_TRUE(
      store_->PutContribution({a, "{}", "s", third, "{}", 1, 7000}, {}, {7000, 1, 0.5, third})
          .ok());
  EXPECT_EQ(store_->FindContribution(a).value()->quality, third);
  EXPECT_EQ(store_->ContributionHistory(a).value().back().quality_after, third);
  EXPECT_EQ(store_->AccountKeyOwner("key-b").value(), std::optional<int64_t>(a));
  EXPECT_FALSE(store_->AccountKeyOwner("key-z").value());
}

TEST_P(StoreTest, AnAccountKeyOfAnotherMemberRejectsTheWholeContribution) {
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

TEST_P(StoreTest, SignaturesAreVisitedInMemberOrderAndErasureRemovesEverything) {
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

TEST_P(StoreTest, ListMembersGivesRoleCharterAndContributionWithoutEmails) {
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

TEST_P(StoreTest, EnsureSettingKeepsTheFirstValue) {
  auto first = store_->EnsureSetting("hmac-key", "k1");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.value(), "k1");
  EXPECT_EQ(store_->EnsureSetting("hmac-key", "k2").value(), "k1");
  EXPECT_EQ(store_->EnsureSetting("other", "v").value(), "v");
}

TEST_P(StoreTest, AStoreNewerThanThisChorusIsRefused) {
  store_.reset();
  RawExec("INSERT INTO schema_version (version) VALUES (" + std::to_string(kLatestSchema + 1) +
          ")");
  auto newer = OpenStore(url_);
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.status().code(), Code::kInvalidInput);
  EXPECT_NE(newer.status().message().find("newer than this chorus"), std::string::npos)
      << newer.status().message();
}

// Two processes' worth of connections at once: member ids stay distinct
// (MAX(id) + 1 under a lock), every member is kept, and the first value of a
// setting wins for everyone.
TEST_P(StoreTest, ConcurrentWritersGetDistinctIdsAndOneSetting) {
  constexpr int kThreads = 3, kMembers = 8;
  std::vector<std::vector<int64_t>> ids(kThreads);
  std::vector<std::string> settings(kThreads), errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto s = OpenStore(url_);
      if (!s.ok()) {
        errors[t] = s.status().message();
        return;
      }
      auto v = s.value()->EnsureSetting("hmac-key", "k" + std::to_string(t));
      settings[t] = v.ok() ? v.value() : v.status().message();
      for (int i = 0; i < kMembers; ++i) {
        std::string n = std::to_string(t) + "-" + std::to_string(i);
        auto id = s.value()->CreateMember({n + "@example.org", "h", "m-" + n, Role::kMember, 1});
        if (!id.ok()) errors[t] = id.status().message();
        if (id.ok()) ids[t].push_back(id.value());
      }
    });
  }
  for (auto& t : threads) t.join();
  std::set<int64_t> distinct;
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(errors[t], "");
    EXPECT_EQ(settings[t], settings[0]);
    distinct.insert(ids[t].begin(), ids[t].end());
  }
  EXPECT_EQ(distinct.size(), size_t{kThreads * kMembers});
  EXPECT_EQ(store_->CountMembers().value(), kThreads * kMembers);
  EXPECT_EQ(store_->EnsureSetting("hmac-key", "late").value(), settings[0]);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return param.param;
                         });

TEST(OpenStore, UnreachablePostgresIsAnIoErrorThatHidesThePassword) {
  for (const std::string url : {"postgresql://chorus:s3cret@/coop?host=/nonexistent-chorus-pg",
                                "postgresql:///coop?host=/nonexistent-chorus-pg&password=s3cret"}) {
    auto s = OpenStore(url);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), Code::kIoError);
    EXPECT_NE(s.status().message().find("/coop?host=/nonexistent-chorus-pg"), std::string::npos)
        << s.status().message();
    EXPECT_NE(s.status().message().find("***"), std::string::npos) << s.status().message();
    EXPECT_EQ(s.status().message().find("s3cret"), std::string::npos) << s.status().message();
  }
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
