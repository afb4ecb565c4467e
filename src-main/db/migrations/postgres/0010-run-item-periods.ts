/** PostgreSQL form of 0010: the key gains the period's start in place; no rebuild needed. */
export const runItemPeriodsPg = `
  ALTER TABLE billing_run_item ADD COLUMN period TEXT;
  UPDATE billing_run_item SET period = i.period FROM invoice i
    WHERE i.id = billing_run_item.invoice_id;
  ALTER TABLE billing_run_item DROP CONSTRAINT billing_run_item_pkey,
    ADD CONSTRAINT billing_run_item_pkey PRIMARY KEY (run_id, subscription_id, period_start);
`
