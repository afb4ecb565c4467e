import type { Migration } from '../migrate'
import { operatorsPg } from './postgres/0021-operators'

/**
 * Operators and roles (issue 19, item 6). A named operator signs in with a password (an argon2id
 * PHC string, never the password) and holds one role. Names are unique without regard to case, so
 * "Ana" and "ana" cannot be two people in the audit trail. An operator is disabled, never deleted:
 * the audit keeps naming them.
 *
 * The switch that turns sign-in on is the `operators.enabled` setting, written here as off so a
 * ledger says plainly which way it is. It is not part of the Settings document (settings:update
 * cannot flip it): only the operators channels do, together with the first admin.
 *
 * Audit entries become append-only: an entry, once written, can be neither changed nor deleted.
 */
export const operators: Migration = {
  id: 21,
  name: '0021-operators',
  postgres: operatorsPg,
  sql: `
    CREATE TABLE operator (
      id            INTEGER PRIMARY KEY,
      name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
      display_name  TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
      role          TEXT NOT NULL CHECK (role IN ('viewer', 'finance', 'admin')),
      password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
      disabled_at   TEXT,
      created_at    TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX operator_name ON operator (name COLLATE NOCASE);

    INSERT INTO setting (key, value_json, updated_at)
      VALUES ('operators.enabled', 'false', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      ON CONFLICT (key) DO NOTHING;

    CREATE TRIGGER audit_entry_append_only_update BEFORE UPDATE ON audit_entry
      BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END;
    CREATE TRIGGER audit_entry_append_only_delete BEFORE DELETE ON audit_entry
      BEGIN SELECT RAISE(ABORT, 'audit entries cannot be deleted'); END;
  `,
}
