import type { Migration } from '../migrate'
import { moneyBoundsPg } from './postgres/0019-money-bounds'

/**
 * Money bounds and sums in the ledger itself, whatever wrote the row: no line, discount or
 * invoice amount past 10^13 minor units (MAX_AMOUNT_MINOR in src-shared/money-bounds.ts), no
 * credit that takes a balance past it, and no draft finalized unless its subtotal is the sum of
 * its lines and its discount the sum of its discounts (the table's CHECK already ties the total
 * to them). SQLite sums 64-bit integers exactly, so a difference of one past 2^53 is caught.
 * Triggers rather than CHECKs: adding a CHECK to a table means rebuilding it. Only writes are
 * checked, so rows stored before this migration stay readable, and an invoice's money columns
 * only when a statement sets them (marking paid sets none).
 */
const MAX = '10000000000000'

const outside = (column: string): string => `abs(${column}) > ${MAX}`

export const moneyBounds: Migration = {
  id: 19,
  name: '0019-money-bounds',
  postgres: moneyBoundsPg,
  sql: `
    CREATE TRIGGER invoice_line_amount_bound_insert BEFORE INSERT ON invoice_line
      WHEN ${outside('NEW.amount_minor')}
      BEGIN SELECT RAISE(ABORT, 'an invoice line is past the money bound'); END;
    CREATE TRIGGER invoice_line_amount_bound_update BEFORE UPDATE OF amount_minor ON invoice_line
      WHEN ${outside('NEW.amount_minor')}
      BEGIN SELECT RAISE(ABORT, 'an invoice line is past the money bound'); END;
    CREATE TRIGGER invoice_discount_amount_bound BEFORE INSERT ON invoice_discount
      WHEN ${outside('NEW.amount_minor')}
      BEGIN SELECT RAISE(ABORT, 'an invoice discount is past the money bound'); END;

    CREATE TRIGGER invoice_amounts_bound_insert BEFORE INSERT ON invoice
      WHEN ${outside('NEW.subtotal_minor')} OR ${outside('NEW.discount_minor')}
        OR ${outside('NEW.credit_minor')} OR ${outside('NEW.tax_minor')}
        OR ${outside('NEW.total_minor')}
      BEGIN SELECT RAISE(ABORT, 'an invoice amount is past the money bound'); END;
    CREATE TRIGGER invoice_amounts_bound_update
      BEFORE UPDATE OF subtotal_minor, discount_minor, credit_minor, tax_minor, total_minor
      ON invoice
      WHEN ${outside('NEW.subtotal_minor')} OR ${outside('NEW.discount_minor')}
        OR ${outside('NEW.credit_minor')} OR ${outside('NEW.tax_minor')}
        OR ${outside('NEW.total_minor')}
      BEGIN SELECT RAISE(ABORT, 'an invoice amount is past the money bound'); END;

    CREATE TRIGGER invoice_finalized_sums BEFORE UPDATE OF status ON invoice
      WHEN OLD.status = 'draft' AND NEW.status <> 'draft' AND (
        NEW.subtotal_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM invoice_line
                               WHERE invoice_id = NEW.id)
        OR NEW.discount_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM invoice_discount
                                  WHERE invoice_id = NEW.id)
        OR ${outside('NEW.subtotal_minor')} OR ${outside('NEW.total_minor')})
      BEGIN SELECT RAISE(ABORT, 'an invoice is finalized only when its totals are the sums of its lines and discounts'); END;

    CREATE TRIGGER credit_entry_balance_bound BEFORE INSERT ON credit_entry
      WHEN NEW.amount_minor > ${MAX} OR (NEW.amount_minor > 0 AND NEW.amount_minor + (
        SELECT coalesce(sum(amount_minor), 0) FROM credit_entry
        WHERE customer_id = NEW.customer_id AND currency = NEW.currency) > ${MAX})
      BEGIN SELECT RAISE(ABORT, 'a credit balance is past the money bound'); END;
  `,
}
