// The numbered schema migrations, oldest first. Migration N brings a store
// from version N − 1 to N. Append only: a migration that has shipped is never
// edited, a change is a new migration. The SQL is the common subset that
// SQLite and PostgreSQL both run (BIGINT keys, TEXT, no engine extensions).
#pragma once

#include <iterator>
#include <string_view>

namespace chorus::store {

inline constexpr std::string_view kMigrations[] = {
    // 1: members and their consent, current state and history.
    R"sql(
CREATE TABLE members (
  id BIGINT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  pseudonym TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('member', 'buyer', 'steward')),
  created_ms BIGINT NOT NULL
);
CREATE TABLE consents (
  member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  granted INTEGER NOT NULL,
  changed_ms BIGINT NOT NULL,
  PRIMARY KEY (member_id, scope)
);
CREATE TABLE consent_changes (
  member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  granted INTEGER NOT NULL,
  at_ms BIGINT NOT NULL
);
CREATE INDEX consent_changes_member ON consent_changes (member_id, at_ms);
)sql",
};

inline constexpr int kLatestSchema = static_cast<int>(std::size(kMigrations));

}  // namespace chorus::store
