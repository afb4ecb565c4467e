import type { Migration } from '../migrate'
import { couponsPg } from './postgres/0028-coupons'

/**
 * Coupons (issue 21, item 6): codes in the catalog with a percent off or an amount off per
 * currency, redeemed on a customer's subscription. A redemption is carried by a row of the
 * customer's `discount` table (its `discount_id`), so billing applies coupons through the very
 * discount computation it already has; these tables hold what is coupon-specific.
 *
 * The redemption limit is also held by the ledger itself: a redemption past `max_redemptions` is
 * refused by a trigger, whatever wrote it. The service counts first to give a clear error; the
 * trigger guards against any writer that did not. Every redemption counts against the limit,
 * including one removed later (the code was used). Coupons are archived, never deleted: the
 * redemptions' foreign keys refuse a delete once redeemed.
 */
export const coupons: Migration = {
  id: 28,
  name: '0028-coupons',
  postgres: couponsPg,
  sql: `
    CREATE TABLE coupon (
      id              INTEGER PRIMARY KEY,
      code            TEXT    NOT NULL
        CHECK (length(code) BETWEEN 1 AND 40 AND code = upper(code) AND code NOT GLOB '*[^A-Z0-9_-]*'),
      name            TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      kind            TEXT    NOT NULL CHECK (kind IN ('percent', 'amount')),
      percent_off     TEXT,
      duration        TEXT    NOT NULL CHECK (duration IN ('once', 'repeating', 'forever')),
      periods         INTEGER CHECK (periods IS NULL OR periods >= 1),
      max_redemptions INTEGER CHECK (max_redemptions IS NULL OR max_redemptions >= 1),
      expires_on      TEXT,
      archived_at     TEXT,
      created_at      TEXT    NOT NULL,
      CHECK ((kind = 'percent') = (percent_off IS NOT NULL)),
      CHECK ((duration = 'repeating') = (periods IS NOT NULL))
    ) STRICT;
    CREATE UNIQUE INDEX coupon_code ON coupon (code);

    CREATE TABLE coupon_amount (
      coupon_id    INTEGER NOT NULL REFERENCES coupon (id),
      currency     TEXT    NOT NULL,
      amount_minor INTEGER NOT NULL CHECK (amount_minor BETWEEN 1 AND 10000000000000),
      PRIMARY KEY (coupon_id, currency)
    ) STRICT;

    CREATE TABLE coupon_plan (
      coupon_id INTEGER NOT NULL REFERENCES coupon (id),
      plan_id   TEXT    NOT NULL REFERENCES plan (id),
      PRIMARY KEY (coupon_id, plan_id)
    ) STRICT;

    CREATE TABLE coupon_redemption (
      id              INTEGER PRIMARY KEY,
      coupon_id       INTEGER NOT NULL REFERENCES coupon (id),
      customer_id     INTEGER NOT NULL REFERENCES customer (id),
      subscription_id INTEGER NOT NULL REFERENCES subscription (id),
      discount_id     INTEGER NOT NULL REFERENCES discount (id),
      redeemed_at     TEXT    NOT NULL,
      operator        TEXT    NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX coupon_redemption_discount ON coupon_redemption (discount_id);
    CREATE INDEX coupon_redemption_coupon ON coupon_redemption (coupon_id);
    CREATE INDEX coupon_redemption_subscription ON coupon_redemption (subscription_id, coupon_id);

    CREATE TRIGGER coupon_redemption_limit BEFORE INSERT ON coupon_redemption
      WHEN (SELECT max_redemptions FROM coupon WHERE id = NEW.coupon_id)
        <= (SELECT count(*) FROM coupon_redemption WHERE coupon_id = NEW.coupon_id)
      BEGIN SELECT RAISE(ABORT, 'the coupon has reached its redemption limit'); END;
  `,
}
