import type { Migration } from '../migrate'
import { catalogPg } from './postgres/0002-catalog'

/**
 * Plans and their versions. A published version is immutable: triggers refuse to update or delete
 * it, so grandfathered subscribers can rely on the terms they signed up to.
 */
export const catalog: Migration = {
  id: 2,
  name: '0002-catalog',
  postgres: catalogPg,
  sql: `
    CREATE TABLE plan (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE plan_version (
      plan_id          TEXT    NOT NULL REFERENCES plan (id),
      version          INTEGER NOT NULL CHECK (version >= 1),
      status           TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
      effective_from   TEXT,
      currency         TEXT    NOT NULL,
      base_price_minor INTEGER NOT NULL CHECK (base_price_minor >= 0),
      terms_json       TEXT    NOT NULL,
      created_at       TEXT    NOT NULL,
      published_at     TEXT,
      published_by     TEXT,
      PRIMARY KEY (plan_id, version),
      CHECK ((status = 'draft') = (effective_from IS NULL))
    ) STRICT;
    CREATE UNIQUE INDEX plan_version_single_draft ON plan_version (plan_id) WHERE status = 'draft';
    CREATE INDEX plan_version_effective ON plan_version (plan_id, effective_from, version)
      WHERE status = 'published';

    CREATE TRIGGER plan_version_published_immutable
      BEFORE UPDATE ON plan_version WHEN OLD.status = 'published'
      BEGIN SELECT RAISE(ABORT, 'published plan versions are immutable'); END;
    CREATE TRIGGER plan_version_published_kept
      BEFORE DELETE ON plan_version WHEN OLD.status = 'published'
      BEGIN SELECT RAISE(ABORT, 'published plan versions cannot be deleted'); END;
  `,
}
