import type { Migration } from '../migrate'
import { usageExplorerPg } from './postgres/0024-usage-explorer'

/**
 * The usage explorer's chart and totals (usage/explorer-sums.ts): each metric's events in time
 * order with their quantities, so a metric's sum over a time range is one covering range scan.
 * Summing through `usage_event_ts` instead fetched every event's row (stored in import order, not
 * time order: a random read each) and sorted a million rows into buckets, 0.4–1.6 s on 1,000,000
 * events (tests/integration/usage-explorer-plans.test.ts, bench/usage-explorer.bench.ts).
 */
export const usageExplorer: Migration = {
  id: 24,
  name: '0024-usage-explorer',
  postgres: usageExplorerPg,
  sql: `
    CREATE INDEX usage_event_metric_ts ON usage_event (metric, ts, quantity_micros);
  `,
}
