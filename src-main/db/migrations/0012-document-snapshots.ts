import type { Migration } from '../migrate'
import { documentSnapshotsPg } from './postgres/0012-document-snapshots'

// The settings an issued document printed, as stored (one JSON value a key), with their defaults.
const seller = `
  seller AS (SELECT
    coalesce((SELECT json_extract(value_json, '$') FROM setting WHERE key = 'companyName'), '')
      AS name,
    coalesce((SELECT json_extract(value_json, '$') FROM setting WHERE key = 'companyAddress'), '')
      AS address,
    coalesce((SELECT json_extract(value_json, '$') FROM setting WHERE key = 'companyEmail'), '')
      AS email,
    coalesce((SELECT json_extract(value_json, '$') FROM setting WHERE key = 'taxId'), '')
      AS tax_id,
    coalesce((SELECT json_extract(value_json, '$') FROM setting WHERE key = 'businessTimeZone'),
      'UTC') AS time_zone,
    coalesce((SELECT json_extract(value_json, '$') FROM setting WHERE key = 'paymentTermsDays'),
      14) AS terms)`

const parties = `
  'seller', json_object('name', s.name, 'address', s.address, 'email', s.email,
    'taxId', s.tax_id),
  'buyer', json_object('name', c.name, 'externalId', c.external_id,
    'billingAddress', c.billing_address, 'taxRegion', c.tax_region),
  'timeZone', s.time_zone,
  'tax', json(i.tax_json),
  'taxExempt', json(CASE i.tax_exempt WHEN 1 THEN 'true' ELSE 'false' END)`

const footer = (what: string) =>
  `CASE WHEN s.name <> '' THEN s.name || ' - ' ELSE '' END || '${what} ' || `

/**
 * What an issued document shows, frozen when it is issued (src-main/invoices/snapshots.ts): the
 * seller details, the customer's billing details, the tax rate, the time zone its dates are
 * printed in, the payment terms, notes and footer. The PDF of a finalized invoice or an issued
 * credit note is rendered from this and the immutable rows, so changing Settings or a customer
 * later changes no document already sent. Append-only, like the documents themselves.
 *
 * Documents issued before this migration are frozen here with the details as they are now (the
 * closest record there is); from now on each is frozen at issue. Operator notes such as a region
 * without a tax rate are left out: they were never meant for the customer.
 */
export const documentSnapshots: Migration = {
  id: 12,
  name: '0012-document-snapshots',
  postgres: documentSnapshotsPg,
  sql: `
    CREATE TABLE invoice_snapshot (
      invoice_id    INTEGER PRIMARY KEY REFERENCES invoice (id),
      snapshot_json TEXT    NOT NULL CHECK (json_valid(snapshot_json)),
      taken_at      TEXT    NOT NULL
    ) STRICT;
    CREATE TABLE credit_note_snapshot (
      credit_note_id INTEGER PRIMARY KEY REFERENCES credit_note (id),
      snapshot_json  TEXT    NOT NULL CHECK (json_valid(snapshot_json)),
      taken_at       TEXT    NOT NULL
    ) STRICT;

    CREATE TRIGGER invoice_snapshot_immutable BEFORE UPDATE ON invoice_snapshot
      BEGIN SELECT RAISE(ABORT, 'issued documents are immutable'); END;
    CREATE TRIGGER invoice_snapshot_kept BEFORE DELETE ON invoice_snapshot
      BEGIN SELECT RAISE(ABORT, 'issued documents are immutable'); END;
    CREATE TRIGGER credit_note_snapshot_immutable BEFORE UPDATE ON credit_note_snapshot
      BEGIN SELECT RAISE(ABORT, 'issued documents are immutable'); END;
    CREATE TRIGGER credit_note_snapshot_kept BEFORE DELETE ON credit_note_snapshot
      BEGIN SELECT RAISE(ABORT, 'issued documents are immutable'); END;
    -- Only an issued invoice has a snapshot: a draft keeps rendering from live data.
    CREATE TRIGGER invoice_snapshot_issued_only BEFORE INSERT ON invoice_snapshot
      WHEN (SELECT status FROM invoice WHERE id = NEW.invoice_id) = 'draft'
      BEGIN SELECT RAISE(ABORT, 'a draft has no snapshot: finalize it first'); END;

    WITH ${seller}
    INSERT INTO invoice_snapshot (invoice_id, snapshot_json, taken_at)
    SELECT i.id, json_object('version', 1, ${parties},
        'footer', ${footer('Invoice')} i.number,
        'issuedAt', coalesce(i.issued_at, i.finalized_at, i.created_at),
        'dueDate', i.due_date,
        'paymentTermsDays', s.terms,
        'discounts', json((SELECT json_group_array(json_object('description', d.description,
            'amountMinor', d.amount_minor))
          FROM (SELECT description, amount_minor FROM invoice_discount
            WHERE invoice_id = i.id ORDER BY discount_id) d)),
        'notes', json((SELECT json_group_array(n.value) FROM json_each(i.notes_json) n
          WHERE n.value NOT LIKE 'No tax rate is set for the tax region %'))),
      strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM invoice i JOIN customer c ON c.id = i.customer_id, seller s
    WHERE i.status <> 'draft';

    WITH ${seller}
    INSERT INTO credit_note_snapshot (credit_note_id, snapshot_json, taken_at)
    SELECT n.id, json_object('version', 1, ${parties},
        'footer', ${footer('Credit note')} n.number,
        'issuedAt', n.created_at),
      strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM credit_note n JOIN invoice i ON i.id = n.invoice_id
      JOIN customer c ON c.id = i.customer_id, seller s;
  `,
}
