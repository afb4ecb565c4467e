/** PostgreSQL form of 0024: the same index. */
export const usageExplorerPg = `
  CREATE INDEX usage_event_metric_ts ON usage_event (metric, ts, quantity_micros);
`
