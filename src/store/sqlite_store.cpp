// The SQLite backend: one file, WAL journal, foreign keys on.
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <map>

#include "store/backends.h"
#include "store/migrations.h"

namespace chorus::store {

namespace {

// Prepared statements kept per connection: preparing (parsing and planning
// the SQL) cost more than running most of the store's statements.
class StatementCache {
 public:
  struct Entry {
    sqlite3_stmt* stmt;
    bool in_use;
  };

  explicit StatementCache(sqlite3* db) : db_(db) {}
  ~StatementCache() { Clear(); }
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // A statement for `sql`, prepared once; nullptr with *rc set when it does
  // not prepare. One in use already (a nested use) gets a private copy, and
  // *entry is null for a private copy.
  sqlite3_stmt* Acquire(std::string_view sql, Entry** entry, int* rc) {
    *entry = nullptr;
    auto it = entries_.find(sql);
    if (it != entries_.end() && !it->second.in_use) {
      it->second.in_use = true;
      *entry = &it->second;
      *rc = SQLITE_OK;
      return it->second.stmt;
    }
    sqlite3_stmt* stmt = nullptr;
    *rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (*rc == SQLITE_OK && it == entries_.end())
      *entry = &entries_.emplace(std::string(sql), Entry{stmt, true}).first->second;
    return stmt;
  }
  // Map nodes never move, so `entry` stays valid until Clear().
  void Release(sqlite3_stmt* stmt, Entry* entry) {
    if (entry == nullptr) {
      sqlite3_finalize(stmt);
      return;
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    entry->in_use = false;
  }
  void Clear() {
    for (auto& [sql, entry] : entries_) sqlite3_finalize(entry.stmt);
    entries_.clear();
  }

 private:
  sqlite3* db_;
  std::map<std::string, Entry, std::less<>> entries_;
};

// A prepared statement from the cache, reset and handed back (or, a private
// copy, finalized) when it goes out of scope.
class Statement {
 public:
  Statement(StatementCache& cache, std::string_view sql) : cache_(cache) {
    stmt_ = cache_.Acquire(sql, &entry_, &rc_);
  }
  ~Statement() { cache_.Release(stmt_, entry_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return rc_ == SQLITE_OK; }
  Statement& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& Bind(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  int Step() { return sqlite3_step(stmt_); }
  Statement& Bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  int64_t Int(int col) { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    return t == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(t));
  }

 private:
  StatementCache& cache_;
  sqlite3_stmt* stmt_ = nullptr;
  StatementCache::Entry* entry_ = nullptr;
  int rc_ = SQLITE_ERROR;
};

class SqliteStore : public Store {
 public:
  explicit SqliteStore(sqlite3* db, std::string path)
      : db_(db), statements_(db), path_(std::move(path)) {}
  ~SqliteStore() override {
    statements_.Clear();  // a connection with live statements does not close
    sqlite3_close(db_);
  }

  Status Migrate() {
    CHORUS_RETURN_IF_ERROR(
        Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"));
    CHORUS_RETURN_IF_ERROR(
        Exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
    for (int next = SchemaVersion() + 1; next <= kLatestSchema; ++next) {
      Status s = Transaction([&]() -> Status {
        CHORUS_RETURN_IF_ERROR(Exec(kMigrations[next - 1]));
        return Exec(fmt::format("INSERT INTO schema_version (version) VALUES ({})", next));
      });
      if (!s.ok()) return IoError(fmt::format("{}: migration {}: {}", path_, next, s.message()));
    }
    if (SchemaVersion() > kLatestSchema) {
      return InvalidInput(
          fmt::format("{}: schema version {} is newer than this chorus knows ({}): upgrade chorus",
                      path_, SchemaVersion(), kLatestSchema));
    }
    return Status::Ok();
  }

  int SchemaVersion() override {
    Statement q(statements_, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
    return q.ok() && q.Step() == SQLITE_ROW ? static_cast<int>(q.Int(0)) : 0;
  }

  Result<int64_t> CreateMember(const NewMember& m) override {
    int64_t id = 0;
    Status s = Transaction([&]() -> Status {
      Statement taken(statements_, "SELECT 1 FROM members WHERE email = ?1 OR pseudonym = ?2");
      taken.Bind(1, m.email).Bind(2, m.pseudonym);
      if (taken.Step() == SQLITE_ROW) {
        return InvalidInput(fmt::format("e-mail {} or its pseudonym is already a member", m.email));
      }
      Statement next(statements_, "SELECT COALESCE(MAX(id), 0) + 1 FROM members");
      if (next.Step() != SQLITE_ROW) return Error("next member id");
      id = next.Int(0);
      Statement insert(statements_,
                       "INSERT INTO members (id, email, password_hash, pseudonym, role, "
                       "created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      insert.Bind(1, id).Bind(2, m.email).Bind(3, m.password_hash).Bind(4, m.pseudonym);
      insert.Bind(5, RoleName(m.role)).Bind(6, m.created_ms);
      return insert.Step() == SQLITE_DONE ? Status::Ok() : Error("insert member");
    });
    if (!s.ok()) return s;
    return id;
  }

  Result<std::optional<Member>> FindMemberByEmail(std::string_view email) override {
    Statement q(statements_, std::string(kSelectMember) + " WHERE email = ?1");
    q.Bind(1, email);
    return ReadMember(q);
  }

  Result<std::optional<Member>> FindMember(int64_t id) override {
    Statement q(statements_, std::string(kSelectMember) + " WHERE id = ?1");
    q.Bind(1, id);
    return ReadMember(q);
  }

  Status SetConsent(int64_t member, std::string_view scope, bool granted, int64_t at_ms) override {
    if (!IsConsentScope(scope)) {
      return InvalidInput(
          fmt::format("consent scope \"{}\": not one of artist-signals, "
                      "listening-patterns, transitions, dj-sets, ai-training",
                      scope));
    }
    return Transaction([&]() -> Status {
      CHORUS_RETURN_IF_ERROR(RequireMember(member));
      Statement upsert(statements_,
                       "INSERT INTO consents (member_id, scope, granted, changed_ms) VALUES "
                       "(?1, ?2, ?3, ?4) ON CONFLICT (member_id, scope) DO UPDATE SET "
                       "granted = excluded.granted, changed_ms = excluded.changed_ms");
      upsert.Bind(1, member).Bind(2, scope).Bind(3, int64_t{granted}).Bind(4, at_ms);
      if (upsert.Step() != SQLITE_DONE) return Error("set consent");
      Statement history(statements_,
                        "INSERT INTO consent_changes (member_id, scope, granted, at_ms, seq) "
                        "SELECT ?1, ?2, ?3, ?4, COALESCE(MAX(seq), 0) + 1 FROM consent_changes "
                        "WHERE member_id = ?1");
      history.Bind(1, member).Bind(2, scope).Bind(3, int64_t{granted}).Bind(4, at_ms);
      return history.Step() == SQLITE_DONE ? Status::Ok() : Error("record consent change");
    });
  }

  Result<std::map<std::string, ConsentState>> Consents(int64_t member) override {
    CHORUS_RETURN_IF_ERROR(RequireMember(member));
    std::map<std::string, ConsentState> out;
    for (std::string_view scope : kConsentScopes) out[std::string(scope)] = {};
    Statement q(statements_,
                "SELECT scope, granted, changed_ms FROM consents WHERE member_id = ?1");
    q.Bind(1, member);
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) out[q.Text(0)] = {q.Int(1) != 0, q.Int(2)};
    if (rc != SQLITE_DONE) return Error("read consents");
    return out;
  }

  Result<std::vector<ConsentChange>> ConsentHistory(int64_t member) override {
    CHORUS_RETURN_IF_ERROR(RequireMember(member));
    Statement q(statements_,
                "SELECT scope, granted, at_ms FROM consent_changes WHERE member_id = ?1 "
                "ORDER BY at_ms, seq, rowid");
    q.Bind(1, member);
    std::vector<ConsentChange> out;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) out.push_back({q.Text(0), q.Int(1) != 0, q.Int(2)});
    if (rc != SQLITE_DONE) return Error("read consent history");
    return out;
  }

  Status AcceptCharter(int64_t member, int version, int64_t at_ms) override {
    return Transaction([&]() -> Status {
      CHORUS_RETURN_IF_ERROR(RequireMember(member));
      Statement q(statements_,
                  "UPDATE members SET charter_version = ?2, charter_accepted_ms = ?3 "
                  "WHERE id = ?1");
      q.Bind(1, member).Bind(2, int64_t{version}).Bind(3, at_ms);
      return q.Step() == SQLITE_DONE ? Status::Ok() : Error("accept charter");
    });
  }

  Status EraseMember(int64_t member) override {
    return Transaction([&]() -> Status {
      CHORUS_RETURN_IF_ERROR(RequireMember(member));
      // Consents, credentials, the contribution and account keys cascade.
      Statement erase(statements_, "DELETE FROM members WHERE id = ?1");
      erase.Bind(1, member);
      return erase.Step() == SQLITE_DONE ? Status::Ok() : Error("erase member");
    });
  }

  Result<int64_t> CountMembers() override {
    Statement q(statements_, "SELECT COUNT(*) FROM members");
    if (q.Step() != SQLITE_ROW) return Error("count members");
    return q.Int(0);
  }

  Result<std::vector<MemberSummary>> ListMembers() override {
    Statement q(statements_,
                "SELECT m.id, m.pseudonym, m.role, m.charter_version, c.member_id IS NOT NULL, "
                "COALESCE(c.quality, 0), COALESCE(c.plays, 0) FROM members m "
                "LEFT JOIN contributions c ON c.member_id = m.id ORDER BY m.id");
    std::vector<MemberSummary> out;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      out.push_back({q.Int(0), q.Text(1), RoleFromName(q.Text(2)), static_cast<int>(q.Int(3)),
                     q.Int(4) != 0, q.Real(5), q.Int(6)});
    }
    if (rc != SQLITE_DONE) return Error("list members");
    return out;
  }

  Status CreateCredential(const Credential& c) override {
    return Transaction([&]() -> Status {
      CHORUS_RETURN_IF_ERROR(RequireMember(c.member_id));
      Statement insert(statements_,
                       "INSERT INTO credentials (token_hash, member_id, kind, csrf_token, "
                       "created_ms, expires_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      insert.Bind(1, c.token_hash).Bind(2, c.member_id).Bind(3, CredentialKindName(c.kind));
      insert.Bind(4, c.csrf_token).Bind(5, c.created_ms).Bind(6, c.expires_ms);
      return insert.Step() == SQLITE_DONE ? Status::Ok() : Error("create credential");
    });
  }

  Result<std::optional<Credential>> FindCredential(std::string_view token_hash) override {
    Statement q(statements_,
                "SELECT token_hash, member_id, kind, csrf_token, created_ms, expires_ms "
                "FROM credentials WHERE token_hash = ?1");
    q.Bind(1, token_hash);
    int rc = q.Step();
    if (rc == SQLITE_DONE) return std::optional<Credential>{};
    if (rc != SQLITE_ROW) return Error("read credential");
    Credential c{q.Text(0), q.Int(1), CredentialKindFromName(q.Text(2)),
                 q.Text(3), q.Int(4), q.Int(5)};
    return std::optional<Credential>{std::move(c)};
  }

  Status DeleteCredential(std::string_view token_hash) override {
    Statement q(statements_, "DELETE FROM credentials WHERE token_hash = ?1");
    q.Bind(1, token_hash);
    return q.Step() == SQLITE_DONE ? Status::Ok() : Error("delete credential");
  }

  Status PutContribution(const Contribution& c, const std::vector<std::string>& account_keys,
                         const ContributionEvent& event) override {
    return Transaction([&]() -> Status {
      CHORUS_RETURN_IF_ERROR(RequireMember(c.member_id));
      for (const std::string& key : account_keys) {
        Statement owner(statements_, "SELECT member_id FROM account_keys WHERE account_key = ?1");
        owner.Bind(1, key);
        int rc = owner.Step();
        if (rc == SQLITE_ROW && owner.Int(0) != c.member_id) {
          return InvalidInput(DuplicateAccountMessage());
        }
        if (rc == SQLITE_ROW) continue;
        if (rc != SQLITE_DONE) return Error("read account key");
        Statement claim(statements_,
                        "INSERT INTO account_keys (account_key, member_id) VALUES (?1, ?2)");
        claim.Bind(1, key).Bind(2, c.member_id);
        if (claim.Step() != SQLITE_DONE) return Error("claim account key");
      }
      Statement upsert(statements_,
                       "INSERT INTO contributions (member_id, summary_json, signature, quality, "
                       "checks_json, plays, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                       "ON CONFLICT (member_id) DO UPDATE SET summary_json = "
                       "excluded.summary_json, signature = excluded.signature, quality = "
                       "excluded.quality, checks_json = excluded.checks_json, plays = "
                       "excluded.plays, updated_ms = excluded.updated_ms");
      upsert.Bind(1, c.member_id).Bind(2, c.summary_json).Bind(3, c.signature);
      upsert.Bind(4, c.quality).Bind(5, c.checks_json).Bind(6, c.plays).Bind(7, c.updated_ms);
      if (upsert.Step() != SQLITE_DONE) return Error("store contribution");
      Statement log(statements_,
                    "INSERT INTO contribution_events (member_id, at_ms, plays_added, "
                    "quality_before, quality_after, seq) SELECT ?1, ?2, ?3, ?4, ?5, "
                    "COALESCE(MAX(seq), 0) + 1 FROM contribution_events WHERE member_id = ?1");
      log.Bind(1, c.member_id).Bind(2, event.at_ms).Bind(3, event.plays_added);
      log.Bind(4, event.quality_before).Bind(5, event.quality_after);
      return log.Step() == SQLITE_DONE ? Status::Ok() : Error("record contribution event");
    });
  }

  Result<std::optional<Contribution>> FindContribution(int64_t member) override {
    Statement q(statements_,
                "SELECT member_id, summary_json, signature, quality, checks_json, plays, "
                "updated_ms FROM contributions WHERE member_id = ?1");
    q.Bind(1, member);
    int rc = q.Step();
    if (rc == SQLITE_DONE) return std::optional<Contribution>{};
    if (rc != SQLITE_ROW) return Error("read contribution");
    Contribution c{q.Int(0), q.Text(1), q.Text(2), q.Real(3), q.Text(4), q.Int(5), q.Int(6)};
    return std::optional<Contribution>{std::move(c)};
  }

  Result<std::vector<ContributionEvent>> ContributionHistory(int64_t member) override {
    Statement q(statements_,
                "SELECT at_ms, plays_added, quality_before, quality_after FROM "
                "contribution_events WHERE member_id = ?1 ORDER BY at_ms, seq, rowid");
    q.Bind(1, member);
    std::vector<ContributionEvent> out;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) out.push_back({q.Int(0), q.Int(1), q.Real(2), q.Real(3)});
    if (rc != SQLITE_DONE) return Error("read contribution history");
    return out;
  }

  Result<std::optional<int64_t>> AccountKeyOwner(std::string_view account_key) override {
    Statement q(statements_, "SELECT member_id FROM account_keys WHERE account_key = ?1");
    q.Bind(1, account_key);
    int rc = q.Step();
    if (rc == SQLITE_DONE) return std::optional<int64_t>{};
    if (rc != SQLITE_ROW) return Error("read account key");
    return std::optional<int64_t>{q.Int(0)};
  }

  Status ForEachSignature(const std::function<void(int64_t, std::string_view)>& visit) override {
    Statement q(statements_, "SELECT member_id, signature FROM contributions ORDER BY member_id");
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) visit(q.Int(0), q.Text(1));
    return rc == SQLITE_DONE ? Status::Ok() : Error("read signatures");
  }

  Result<std::string> EnsureSetting(std::string_view key,
                                    std::string_view value_if_absent) override {
    std::string value;
    Status s = Transaction([&]() -> Status {
      Statement insert(statements_,
                       "INSERT INTO settings (name, value) VALUES (?1, ?2) "
                       "ON CONFLICT (name) DO NOTHING");
      insert.Bind(1, key).Bind(2, value_if_absent);
      if (insert.Step() != SQLITE_DONE) return Error("store setting");
      Statement q(statements_, "SELECT value FROM settings WHERE name = ?1");
      q.Bind(1, key);
      if (q.Step() != SQLITE_ROW) return Error("read setting");
      value = q.Text(0);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return value;
  }

 private:
  static constexpr std::string_view kSelectMember =
      "SELECT id, email, password_hash, pseudonym, role, created_ms, charter_version, "
      "charter_accepted_ms FROM members";

  Status Error(std::string_view what) {
    return IoError(fmt::format("{}: {}: {}", path_, what, sqlite3_errmsg(db_)));
  }
  Status Exec(std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) == SQLITE_OK) {
      return Status::Ok();
    }
    std::string why = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    return IoError(fmt::format("{}: {}", path_, why));
  }
  Status Transaction(const std::function<Status()>& body) {
    CHORUS_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status s = body();
    if (!s.ok()) {
      (void)Exec("ROLLBACK");
      return s;
    }
    return Exec("COMMIT");
  }
  Status RequireMember(int64_t member) {
    Statement q(statements_, "SELECT 1 FROM members WHERE id = ?1");
    q.Bind(1, member);
    if (q.Step() != SQLITE_ROW) return NotFound(fmt::format("member {}: no such member", member));
    return Status::Ok();
  }
  Result<std::optional<Member>> ReadMember(Statement& q) {
    int rc = q.Step();
    if (rc == SQLITE_DONE) return std::optional<Member>{};
    if (rc != SQLITE_ROW) return Error("read member");
    Member m{q.Int(0),
             q.Text(1),
             q.Text(2),
             q.Text(3),
             RoleFromName(q.Text(4)),
             q.Int(5),
             static_cast<int>(q.Int(6)),
             q.Int(7)};
    return std::optional<Member>{std::move(m)};
  }

  sqlite3* db_;
  StatementCache statements_;
  std::string path_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string why = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return IoError(fmt::format("{}: cannot open the database: {}", path, why));
  }
  sqlite3_busy_timeout(db, 5000);
  auto store = std::make_unique<SqliteStore>(db, path);
  CHORUS_RETURN_IF_ERROR(store->Migrate());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace chorus::store
