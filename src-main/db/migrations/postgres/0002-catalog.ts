/** PostgreSQL form of 0002: a published plan version cannot change or go. */
export const catalogPg = `
  CREATE TABLE plan (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE TABLE plan_version (
    plan_id          TEXT    NOT NULL REFERENCES plan (id),
    version          INTEGER NOT NULL CHECK (version >= 1),
    status           TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
    effective_from   TEXT,
    currency         TEXT    NOT NULL,
    base_price_minor BIGINT  NOT NULL CHECK (base_price_minor >= 0),
    terms_json       TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    published_at     TEXT,
    published_by     TEXT,
    PRIMARY KEY (plan_id, version),
    CHECK ((status = 'draft') = (effective_from IS NULL))
  );
  CREATE UNIQUE INDEX plan_version_single_draft ON plan_version (plan_id) WHERE status = 'draft';
  CREATE INDEX plan_version_effective ON plan_version (plan_id, effective_from, version)
    WHERE status = 'published';

  CREATE TRIGGER plan_version_published_immutable BEFORE UPDATE ON plan_version FOR EACH ROW
    WHEN (OLD.status = 'published')
    EXECUTE FUNCTION meterbook_refuse('published plan versions are immutable');
  CREATE TRIGGER plan_version_published_kept BEFORE DELETE ON plan_version FOR EACH ROW
    WHEN (OLD.status = 'published')
    EXECUTE FUNCTION meterbook_refuse('published plan versions cannot be deleted');
`
