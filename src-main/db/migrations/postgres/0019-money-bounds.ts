/**
 * PostgreSQL form of 0019: the same bounds (10^13 minor units, MAX_AMOUNT_MINOR) as triggers of
 * the same names. The two that compare with a sum look it up in a function (a trigger's WHEN
 * cannot hold a subquery); PostgreSQL sums BIGINT exactly too, as NUMERIC.
 */
const MAX = '10000000000000'

const outside = (column: string): string => `abs(${column}) > ${MAX}`

const invoiceOutside = [
  'NEW.subtotal_minor',
  'NEW.discount_minor',
  'NEW.credit_minor',
  'NEW.tax_minor',
  'NEW.total_minor',
]
  .map(outside)
  .join(' OR ')

const refuse = (message: string): string =>
  `RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', MESSAGE = '${message}';`

export const moneyBoundsPg = `
  CREATE TRIGGER invoice_line_amount_bound_insert BEFORE INSERT ON invoice_line FOR EACH ROW
    WHEN (${outside('NEW.amount_minor')})
    EXECUTE FUNCTION meterbook_refuse('an invoice line is past the money bound');
  CREATE TRIGGER invoice_line_amount_bound_update BEFORE UPDATE OF amount_minor ON invoice_line
    FOR EACH ROW WHEN (${outside('NEW.amount_minor')})
    EXECUTE FUNCTION meterbook_refuse('an invoice line is past the money bound');
  CREATE TRIGGER invoice_discount_amount_bound BEFORE INSERT ON invoice_discount FOR EACH ROW
    WHEN (${outside('NEW.amount_minor')})
    EXECUTE FUNCTION meterbook_refuse('an invoice discount is past the money bound');

  CREATE TRIGGER invoice_amounts_bound_insert BEFORE INSERT ON invoice FOR EACH ROW
    WHEN (${invoiceOutside})
    EXECUTE FUNCTION meterbook_refuse('an invoice amount is past the money bound');
  CREATE TRIGGER invoice_amounts_bound_update
    BEFORE UPDATE OF subtotal_minor, discount_minor, credit_minor, tax_minor, total_minor
    ON invoice FOR EACH ROW WHEN (${invoiceOutside})
    EXECUTE FUNCTION meterbook_refuse('an invoice amount is past the money bound');

  CREATE FUNCTION meterbook_invoice_finalized_sums() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.subtotal_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM invoice_line
                              WHERE invoice_id = NEW.id)
      OR NEW.discount_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM invoice_discount
                                WHERE invoice_id = NEW.id)
      OR ${outside('NEW.subtotal_minor')} OR ${outside('NEW.total_minor')} THEN
      ${refuse('an invoice is finalized only when its totals are the sums of its lines and discounts')}
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER invoice_finalized_sums BEFORE UPDATE OF status ON invoice FOR EACH ROW
    WHEN (OLD.status = 'draft' AND NEW.status <> 'draft')
    EXECUTE FUNCTION meterbook_invoice_finalized_sums();

  CREATE FUNCTION meterbook_credit_entry_balance_bound() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.amount_minor > ${MAX} OR (NEW.amount_minor > 0 AND NEW.amount_minor + (
      SELECT coalesce(sum(amount_minor), 0) FROM credit_entry
      WHERE customer_id = NEW.customer_id AND currency = NEW.currency) > ${MAX}) THEN
      ${refuse('a credit balance is past the money bound')}
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER credit_entry_balance_bound BEFORE INSERT ON credit_entry FOR EACH ROW
    EXECUTE FUNCTION meterbook_credit_entry_balance_bound();
`
