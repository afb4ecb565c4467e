/** PostgreSQL form of 0007: the same covering index, under the same name. */
export const usageCoveringIndexPg = `
  DROP INDEX IF EXISTS usage_event_customer_metric_ts;
  CREATE INDEX usage_event_customer_metric_ts ON usage_event (customer_id, metric, ts, quantity_micros);
`
