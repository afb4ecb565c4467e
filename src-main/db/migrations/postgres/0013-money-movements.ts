/**
 * PostgreSQL form of 0013. The outbox's CHECK is replaced in place (named in 0006), so no rebuild;
 * the credit-note trigger is dropped around the backfill as in SQLite.
 */
export const moneyMovementsPg = `
  ALTER TABLE credit_note ADD COLUMN refund_method TEXT
    CHECK (refund_method IN ('stripe', 'outside'));
  DROP TRIGGER credit_note_immutable ON credit_note;
  UPDATE credit_note SET refund_method = CASE
      WHEN EXISTS (SELECT 1 FROM outbox o
        WHERE o.credit_note_id = credit_note.id AND o.operation = 'refund.create') THEN 'stripe'
      ELSE 'outside' END
    WHERE settlement = 'refund';
  CREATE TRIGGER credit_note_immutable BEFORE UPDATE ON credit_note FOR EACH ROW
    EXECUTE FUNCTION meterbook_refuse('credit notes are immutable');
  CREATE TRIGGER credit_note_refund_method BEFORE INSERT ON credit_note FOR EACH ROW
    WHEN ((NEW.settlement = 'refund') <> (NEW.refund_method IS NOT NULL))
    EXECUTE FUNCTION meterbook_refuse(
      'a refund names its method (stripe or outside), nothing else does');

  ALTER TABLE outbox DROP CONSTRAINT outbox_operation_check,
    ADD CONSTRAINT outbox_operation_check CHECK (operation IN
      ('customer.sync', 'invoice.push', 'invoice.collect', 'invoice.settle', 'invoice.void',
       'invoice.uncollectible', 'refund.create'));
`
