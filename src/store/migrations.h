// The numbered schema migrations, oldest first. Migration N brings a store
// from version N − 1 to N. Append only: a migration that has shipped is never
// edited, a change is a new migration. The SQL is the common subset that
// SQLite and PostgreSQL both run (BIGINT keys, TEXT, no engine extensions).
// History rows carry `seq`, their insertion order within the member (filled
// by the backends as MAX(seq) + 1), so both engines list them in one order:
// ORDER BY at_ms, seq (SQLite adds rowid for rows older than migration 2,
// whose seq is 0; PostgreSQL has no such rows).
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
    // 2: credentials, contributions, account keys, settings.
    R"sql(
CREATE TABLE credentials (
  token_hash TEXT PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('session', 'api')),
  csrf_token TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL
);
CREATE INDEX credentials_member ON credentials (member_id);
CREATE TABLE contributions (
  member_id BIGINT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
  summary_json TEXT NOT NULL,
  signature TEXT NOT NULL,
  quality DOUBLE PRECISION NOT NULL,
  checks_json TEXT NOT NULL,
  plays BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE TABLE contribution_events (
  member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  at_ms BIGINT NOT NULL,
  plays_added BIGINT NOT NULL,
  quality_before DOUBLE PRECISION NOT NULL,
  quality_after DOUBLE PRECISION NOT NULL,
  seq BIGINT NOT NULL
);
CREATE INDEX contribution_events_member ON contribution_events (member_id, at_ms);
CREATE TABLE account_keys (
  account_key TEXT PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE
);
CREATE INDEX account_keys_member ON account_keys (member_id);
CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
ALTER TABLE members ADD COLUMN charter_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN charter_accepted_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE consent_changes ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
)sql",
};

inline constexpr int kLatestSchema = static_cast<int>(std::size(kMigrations));

}  // namespace chorus::store
