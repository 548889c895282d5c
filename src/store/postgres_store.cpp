// The PostgreSQL backend (libpqxx 6.4): the same semantics as the SQLite
// backend, on one connection. Every method is one transaction (Run): writes
// at READ COMMITTED, multi-statement reads on a read-only REPEATABLE READ
// snapshot. Every statement with a value in it is parameterised ($1, $2…);
// the only SQL sent as text is constant. pqxx exceptions are caught here and
// become IoError (the server failed us) or InvalidInput (a constraint
// refused the data); error messages name the URL with its password masked.
// Calls are serialised by a mutex: a pqxx connection is not thread-safe.
#include <fmt/format.h>

#include <mutex>
#include <pqxx/pqxx>

#include "store/backends.h"
#include "store/migrations.h"

namespace chorus::store {

namespace {

// Keys of the transaction-level advisory locks this backend takes.
constexpr int64_t kMigrationLock = 0x63686f7275730001;  // "chorus" 1
constexpr int64_t kMemberIdLock = 0x63686f7275730002;   // "chorus" 2

using ReadTx = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;
using WriteTx = pqxx::work;  // READ COMMITTED: see CreateMember and EnsureSetting

// The URL with any password replaced by ***, for messages and logs.
std::string RedactUrl(const std::string& url) {
  std::string out = url;
  size_t start = out.find("://");
  if (start != std::string::npos) {
    start += 3;
    size_t end = out.find_first_of("/?#", start);
    size_t at = out.rfind('@', end == std::string::npos ? out.size() : end);
    if (at != std::string::npos && at >= start) {
      size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  for (size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p)) {
    p += 9;
    size_t end = out.find('&', p);
    out.replace(p, (end == std::string::npos ? out.size() : end) - p, "***");
  }
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  return std::string(s);
}

class PostgresStore : public Store {
 public:
  PostgresStore(std::unique_ptr<pqxx::connection> conn, std::string label)
      : conn_(std::move(conn)), label_(std::move(label)) {}

  Status Migrate() {
    CHORUS_RETURN_IF_ERROR(Run<pqxx::nontransaction>("session", [](auto& tx) {
      tx.exec("SET client_min_messages TO warning");  // no NOTICE for IF NOT EXISTS
      return Status::Ok();
    }));
    // One migration per transaction, under an advisory lock so two processes
    // opening a fresh database at once apply each migration exactly once.
    for (int version = 0;;) {
      bool done = false;
      CHORUS_RETURN_IF_ERROR(Run(fmt::format("migration {}", version + 1), [&](auto& tx) {
        tx.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
        tx.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        version = tx.exec("SELECT COALESCE(MAX(version), 0) FROM schema_version")[0][0]
                      .template as<int>();
        if (version >= kLatestSchema) {
          done = true;
          return Status::Ok();
        }
        tx.exec(std::string(kMigrations[version]));
        tx.exec_params("INSERT INTO schema_version (version) VALUES ($1)", version + 1);
        return Status::Ok();
      }));
      if (done && version > kLatestSchema) {
        return InvalidInput(fmt::format(
            "{}: schema version {} is newer than this chorus knows ({}): upgrade chorus", label_,
            version, kLatestSchema));
      }
      if (done) return Status::Ok();
    }
  }

  int SchemaVersion() override {
    int version = 0;
    Status s = Run<ReadTx>("schema version", [&](auto& tx) {
      version =
          tx.exec("SELECT COALESCE(MAX(version), 0) FROM schema_version")[0][0].template as<int>();
      return Status::Ok();
    });
    return s.ok() ? version : 0;
  }

  Result<int64_t> CreateMember(const NewMember& m) override {
    int64_t id = 0;
    Status s = Run("create member", [&](auto& tx) {
      // Ids are MAX(id) + 1 as in SQLite. Two transactions must not read the
      // same MAX, so member creation is serialised by a transaction-level
      // advisory lock rather than SERIALIZABLE with a retry loop: creating a
      // member is rare, the lock is held only for this short transaction, it
      // cannot fail spuriously, and it touches no other writer. Under READ
      // COMMITTED each statement takes a new snapshot, so the statements
      // after the lock see the member committed by the previous holder (the
      // lock is released only after that commit is visible). The schema is
      // the engines' common subset, so there is no SERIAL/IDENTITY column.
      tx.exec_params("SELECT pg_advisory_xact_lock($1)", kMemberIdLock);
      if (!tx.exec_params("SELECT 1 FROM members WHERE email = $1 OR pseudonym = $2", m.email,
                          m.pseudonym)
               .empty()) {
        return InvalidInput(fmt::format("e-mail {} or its pseudonym is already a member", m.email));
      }
      id = tx.exec("SELECT COALESCE(MAX(id), 0) + 1 FROM members")[0][0].template as<int64_t>();
      tx.exec_params(
          "INSERT INTO members (id, email, password_hash, pseudonym, role, created_ms) "
          "VALUES ($1, $2, $3, $4, $5, $6)",
          id, m.email, m.password_hash, m.pseudonym, std::string(RoleName(m.role)), m.created_ms);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return id;
  }

  Result<std::optional<Member>> FindMemberByEmail(std::string_view email) override {
    return FindMemberWhere("email = $1", std::string(email));
  }

  Result<std::optional<Member>> FindMember(int64_t id) override {
    return FindMemberWhere("id = $1", id);
  }

  Status SetConsent(int64_t member, std::string_view scope, bool granted, int64_t at_ms) override {
    if (!IsConsentScope(scope)) {
      return InvalidInput(
          fmt::format("consent scope \"{}\": not one of artist-signals, "
                      "listening-patterns, transitions, dj-sets, ai-training",
                      scope));
    }
    return Run("set consent", [&](auto& tx) {
      CHORUS_RETURN_IF_ERROR(LockMember(tx, member));
      const std::string s(scope);
      const int64_t g = granted ? 1 : 0;
      tx.exec_params(
          "INSERT INTO consents (member_id, scope, granted, changed_ms) VALUES ($1, $2, $3, $4) "
          "ON CONFLICT (member_id, scope) DO UPDATE SET granted = excluded.granted, "
          "changed_ms = excluded.changed_ms",
          member, s, g, at_ms);
      // seq: insertion order within the member (the row lock makes it safe).
      tx.exec_params(
          "INSERT INTO consent_changes (member_id, scope, granted, at_ms, seq) "
          "SELECT $1::BIGINT, $2::TEXT, $3::INTEGER, $4::BIGINT, COALESCE(MAX(seq), 0) + 1 "
          "FROM consent_changes WHERE member_id = $1",
          member, s, g, at_ms);
      return Status::Ok();
    });
  }

  Result<std::map<std::string, ConsentState>> Consents(int64_t member) override {
    std::map<std::string, ConsentState> out;
    for (std::string_view scope : kConsentScopes) out[std::string(scope)] = {};
    Status s = Run<ReadTx>("read consents", [&](auto& tx) {
      CHORUS_RETURN_IF_ERROR(RequireMember(tx, member));
      for (const auto& row : tx.exec_params(
               "SELECT scope, granted, changed_ms FROM consents WHERE member_id = $1", member)) {
        out[row[0].c_str()] = {row[1].template as<int>() != 0, row[2].template as<int64_t>()};
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<ConsentChange>> ConsentHistory(int64_t member) override {
    std::vector<ConsentChange> out;
    Status s = Run<ReadTx>("read consent history", [&](auto& tx) {
      CHORUS_RETURN_IF_ERROR(RequireMember(tx, member));
      for (const auto& row : tx.exec_params("SELECT scope, granted, at_ms FROM consent_changes "
                                            "WHERE member_id = $1 ORDER BY at_ms, seq",
                                            member)) {
        out.push_back(
            {row[0].c_str(), row[1].template as<int>() != 0, row[2].template as<int64_t>()});
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Status AcceptCharter(int64_t member, int version, int64_t at_ms) override {
    return Run("accept charter", [&](auto& tx) {
      CHORUS_RETURN_IF_ERROR(LockMember(tx, member));
      tx.exec_params(
          "UPDATE members SET charter_version = $2, charter_accepted_ms = $3 WHERE id = $1", member,
          version, at_ms);
      return Status::Ok();
    });
  }

  Status EraseMember(int64_t member) override {
    return Run("erase member", [&](auto& tx) {
      CHORUS_RETURN_IF_ERROR(LockMember(tx, member));
      // Consents, credentials, the contribution and account keys cascade.
      tx.exec_params("DELETE FROM members WHERE id = $1", member);
      return Status::Ok();
    });
  }

  Result<int64_t> CountMembers() override {
    int64_t n = 0;
    Status s = Run<ReadTx>("count members", [&](auto& tx) {
      n = tx.exec("SELECT COUNT(*) FROM members")[0][0].template as<int64_t>();
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return n;
  }

  Status CreateCredential(const Credential& c) override {
    return Run("create credential", [&](auto& tx) {
      CHORUS_RETURN_IF_ERROR(RequireMember(tx, c.member_id));
      tx.exec_params(
          "INSERT INTO credentials (token_hash, member_id, kind, csrf_token, created_ms, "
          "expires_ms) VALUES ($1, $2, $3, $4, $5, $6)",
          c.token_hash, c.member_id, std::string(CredentialKindName(c.kind)), c.csrf_token,
          c.created_ms, c.expires_ms);
      return Status::Ok();
    });
  }

  Result<std::optional<Credential>> FindCredential(std::string_view token_hash) override {
    std::optional<Credential> out;
    Status s = Run<ReadTx>("read credential", [&](auto& tx) {
      pqxx::result r = tx.exec_params(
          "SELECT token_hash, member_id, kind, csrf_token, created_ms, expires_ms "
          "FROM credentials WHERE token_hash = $1",
          std::string(token_hash));
      if (r.empty()) return Status::Ok();
      const auto row = r[0];
      out = Credential{
          row[0].c_str(), row[1].template as<int64_t>(), CredentialKindFromName(row[2].c_str()),
          row[3].c_str(), row[4].template as<int64_t>(), row[5].template as<int64_t>()};
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Status DeleteCredential(std::string_view token_hash) override {
    return Run("delete credential", [&](auto& tx) {
      tx.exec_params("DELETE FROM credentials WHERE token_hash = $1", std::string(token_hash));
      return Status::Ok();
    });
  }

  Status PutContribution(const Contribution& c, const std::vector<std::string>& account_keys,
                         const ContributionEvent& event) override {
    return Run("store contribution", [&](auto& tx) {
      CHORUS_RETURN_IF_ERROR(LockMember(tx, c.member_id));
      for (const std::string& key : account_keys) {
        // Claim, then read the owner: a concurrent claim of the same key
        // makes the INSERT wait for it, and the SELECT (a new snapshot) then
        // sees the winner. Returning an error rolls every claim back.
        tx.exec_params(
            "INSERT INTO account_keys (account_key, member_id) VALUES ($1, $2) "
            "ON CONFLICT (account_key) DO NOTHING",
            key, c.member_id);
        pqxx::result owner =
            tx.exec_params("SELECT member_id FROM account_keys WHERE account_key = $1", key);
        if (owner.empty() || owner[0][0].template as<int64_t>() != c.member_id) {
          return InvalidInput(DuplicateAccountMessage());
        }
      }
      tx.exec_params(
          "INSERT INTO contributions (member_id, summary_json, signature, quality, checks_json, "
          "plays, updated_ms) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (member_id) DO "
          "UPDATE SET summary_json = excluded.summary_json, signature = excluded.signature, "
          "quality = excluded.quality, checks_json = excluded.checks_json, plays = "
          "excluded.plays, updated_ms = excluded.updated_ms",
          c.member_id, c.summary_json, c.signature, c.quality, c.checks_json, c.plays,
          c.updated_ms);
      tx.exec_params(
          "INSERT INTO contribution_events (member_id, at_ms, plays_added, quality_before, "
          "quality_after, seq) SELECT $1::BIGINT, $2::BIGINT, $3::BIGINT, "
          "$4::DOUBLE PRECISION, $5::DOUBLE PRECISION, COALESCE(MAX(seq), 0) + 1 "
          "FROM contribution_events WHERE member_id = $1",
          c.member_id, event.at_ms, event.plays_added, event.quality_before, event.quality_after);
      return Status::Ok();
    });
  }

  Result<std::vector<MemberSummary>> ListMembers() override {
    std::vector<MemberSummary> out;
    Status s = Run<ReadTx>("list members", [&](auto& tx) {
      for (const auto& row :
           tx.exec("SELECT m.id, m.pseudonym, m.role, m.charter_version, "
                   "CASE WHEN c.member_id IS NULL THEN 0 ELSE 1 END, COALESCE(c.quality, 0), "
                   "COALESCE(c.plays, 0) FROM members m "
                   "LEFT JOIN contributions c ON c.member_id = m.id ORDER BY m.id")) {
        out.push_back({row[0].template as<int64_t>(), row[1].c_str(), RoleFromName(row[2].c_str()),
                       row[3].template as<int>(), row[4].template as<int>() != 0,
                       row[5].template as<double>(), row[6].template as<int64_t>()});
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::optional<Contribution>> FindContribution(int64_t member) override {
    std::optional<Contribution> out;
    Status s = Run<ReadTx>("read contribution", [&](auto& tx) {
      pqxx::result r = tx.exec_params(
          "SELECT member_id, summary_json, signature, quality, checks_json, plays, updated_ms "
          "FROM contributions WHERE member_id = $1",
          member);
      if (r.empty()) return Status::Ok();
      const auto row = r[0];
      out =
          Contribution{row[0].template as<int64_t>(), row[1].c_str(), row[2].c_str(),
                       row[3].template as<double>(),  row[4].c_str(), row[5].template as<int64_t>(),
                       row[6].template as<int64_t>()};
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<ContributionEvent>> ContributionHistory(int64_t member) override {
    std::vector<ContributionEvent> out;
    Status s = Run<ReadTx>("read contribution history", [&](auto& tx) {
      for (const auto& row :
           tx.exec_params("SELECT at_ms, plays_added, quality_before, quality_after FROM "
                          "contribution_events WHERE member_id = $1 ORDER BY at_ms, seq",
                          member)) {
        out.push_back({row[0].template as<int64_t>(), row[1].template as<int64_t>(),
                       row[2].template as<double>(), row[3].template as<double>()});
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::optional<int64_t>> AccountKeyOwner(std::string_view account_key) override {
    std::optional<int64_t> out;
    Status s = Run<ReadTx>("read account key", [&](auto& tx) {
      pqxx::result r = tx.exec_params("SELECT member_id FROM account_keys WHERE account_key = $1",
                                      std::string(account_key));
      if (!r.empty()) out = r[0][0].template as<int64_t>();
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Status ForEachSignature(const std::function<void(int64_t, std::string_view)>& visit) override {
    std::vector<std::pair<int64_t, std::string>> rows;
    CHORUS_RETURN_IF_ERROR(Run<ReadTx>("read signatures", [&](auto& tx) {
      for (const auto& row :
           tx.exec("SELECT member_id, signature FROM contributions ORDER BY member_id")) {
        rows.emplace_back(row[0].template as<int64_t>(), row[1].c_str());
      }
      return Status::Ok();
    }));
    for (const auto& [member, signature] : rows) visit(member, signature);  // outside the lock
    return Status::Ok();
  }

  Result<std::string> EnsureSetting(std::string_view key,
                                    std::string_view value_if_absent) override {
    std::string value;
    Status s = Run("store setting", [&](auto& tx) {
      // READ COMMITTED: a concurrent first insert makes ours wait and do
      // nothing; the SELECT, a new snapshot, then reads the winner's value.
      const std::string name(key);
      tx.exec_params(
          "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO "
          "NOTHING",
          name, std::string(value_if_absent));
      pqxx::result r = tx.exec_params("SELECT value FROM settings WHERE name = $1", name);
      if (r.empty()) return IoError(fmt::format("{}: setting {} vanished", label_, name));
      value = r[0][0].c_str();
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return value;
  }

 private:
  static constexpr std::string_view kSelectMember =
      "SELECT id, email, password_hash, pseudonym, role, created_ms, charter_version, "
      "charter_accepted_ms FROM members WHERE ";

  // Runs body(tx) in one transaction of type Tx, committed when body returns
  // ok and rolled back otherwise; turns every pqxx exception into a Status.
  template <typename Tx = WriteTx, typename Body>
  Status Run(std::string_view what, Body&& body) {
    std::lock_guard<std::mutex> hold(mutex_);
    try {
      Tx tx(*conn_);
      Status s = body(tx);
      if (!s.ok()) return s;  // ~Tx rolls back
      tx.commit();
      return Status::Ok();
    } catch (const pqxx::integrity_constraint_violation& e) {
      return InvalidInput(fmt::format("{}: {}: {}", label_, what, Trim(e.what())));
    } catch (const pqxx::broken_connection& e) {
      return IoError(fmt::format("{}: {}: lost the connection: {}", label_, what, Trim(e.what())));
    } catch (const std::exception& e) {
      return IoError(fmt::format("{}: {}: {}", label_, what, Trim(e.what())));
    }
  }

  template <typename Tx>
  Status RequireMember(Tx& tx, int64_t member, std::string_view lock = "") {
    if (tx.exec_params(fmt::format("SELECT 1 FROM members WHERE id = $1{}", lock), member)
            .empty()) {
      return NotFound(fmt::format("member {}: no such member", member));
    }
    return Status::Ok();
  }
  // As RequireMember, and holds the member's row until commit, so writes to
  // one member (and their history's seq) are serialised and erasure waits.
  // NO KEY UPDATE does not block foreign-key checks of other tables.
  template <typename Tx>
  Status LockMember(Tx& tx, int64_t member) {
    return RequireMember(tx, member, " FOR NO KEY UPDATE");
  }

  template <typename Value>
  Result<std::optional<Member>> FindMemberWhere(std::string_view condition, const Value& value) {
    std::optional<Member> out;
    Status s = Run<ReadTx>("read member", [&](auto& tx) {
      pqxx::result r = tx.exec_params(fmt::format("{}{}", kSelectMember, condition), value);
      if (r.empty()) return Status::Ok();
      const auto row = r[0];
      out = Member{row[0].template as<int64_t>(),
                   row[1].c_str(),
                   row[2].c_str(),
                   row[3].c_str(),
                   RoleFromName(row[4].c_str()),
                   row[5].template as<int64_t>(),
                   row[6].template as<int>(),
                   row[7].template as<int64_t>()};
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  std::mutex mutex_;
  std::unique_ptr<pqxx::connection> conn_;
  std::string label_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
  std::string label = RedactUrl(url);
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(url);
  } catch (const std::exception& e) {
    return IoError(fmt::format("{}: cannot connect to PostgreSQL: {}", label, Trim(e.what())));
  }
  auto store = std::make_unique<PostgresStore>(std::move(conn), std::move(label));
  CHORUS_RETURN_IF_ERROR(store->Migrate());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace chorus::store
