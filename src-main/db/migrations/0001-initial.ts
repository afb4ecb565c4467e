import type { Migration } from '../migrate'
import { initialPg } from './postgres/0001-initial'

/** The audit log and the business settings: what the foundation needs. */
export const initial: Migration = {
  id: 1,
  name: '0001-initial',
  postgres: initialPg,
  sql: `
    CREATE TABLE audit_entry (
      id          INTEGER PRIMARY KEY,
      at          TEXT    NOT NULL,
      operator    TEXT    NOT NULL,
      action      TEXT    NOT NULL,
      entity_type TEXT    NOT NULL,
      entity_id   TEXT    NOT NULL,
      before_json TEXT,
      after_json  TEXT
    ) STRICT;
    CREATE INDEX audit_entry_at ON audit_entry (at);
    CREATE INDEX audit_entry_entity ON audit_entry (entity_type, entity_id, at);
    CREATE INDEX audit_entry_action ON audit_entry (action, at);
    CREATE INDEX audit_entry_operator ON audit_entry (operator, at);

    CREATE TABLE setting (
      key        TEXT PRIMARY KEY,
      value_json TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
  `,
}
