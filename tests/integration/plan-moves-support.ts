import { invoke } from '../../src-main/ipc/dispatcher'
import type { PlanTerms } from '../../src-shared/domain/catalog'
import type { MoveSubscribersInput } from '../../src-shared/domain/plan-moves'
import { addEvents, billingTestApp, type BillingTestApp } from './billing-support'
import { addCustomer } from './usage-support'

export type MovesApp = BillingTestApp

/**
 * Starter (USD, monthly, anchor 1) in two versions: version 1 at 19.00 with API calls at 0.002
 * after 10,000 included; version 2, published through the real draft and publish channels
 * effective 2026-11-01, at 31.00 with API calls at 0.003. `acme` and `initech` are on version 1
 * since 2026-10-01 (no trial), with 30,000 and 5,000 calls in October. The clock is 2026-11-15.
 */
export const movesApp = async (options: { ledgerPath?: string } = {}): Promise<MovesApp> => {
  const app = await billingTestApp(options)
  addCustomer(app.db, 'initech', 'starter')
  addEvents(app.db, 'acme', [['a-oct', 'api_calls', '30000', '2026-10-12T10:00:00Z']])
  addEvents(app.db, 'initech', [['i-oct', 'api_calls', '5000', '2026-10-20T10:00:00Z']])
  await publishVersion2(app)
  return app
}

export const publishVersion2 = async (app: MovesApp, effectiveFrom = '2026-11-01') => {
  const plan = await invoke(app.dispatch, 'catalog:get-plan', { id: 'starter' })
  const v1 = plan.versions.find((v) => v.version === 1)
  if (!v1) throw new Error('starter has no version 1')
  const { currency, interval, trialDays, rounding, features } = v1
  // Same tiers, the first one dearer: 0.002 → 0.003.
  const terms = JSON.parse(
    JSON.stringify({ currency, interval, trialDays, rounding, features }).replace('0.002', '0.003'),
  ) as Omit<PlanTerms, 'basePriceMinor'>
  await invoke(app.dispatch, 'catalog:save-draft', {
    id: 'starter',
    terms: { ...terms, basePriceMinor: 3100 },
  })
  return invoke(app.dispatch, 'catalog:publish', { id: 'starter', effectiveFrom })
}

/** Starter version 1 → 2 from a date, for everyone unless `customers` is given. */
export const move = (
  input: Partial<MoveSubscribersInput> & { effectiveFrom: string },
): MoveSubscribersInput => ({ planId: 'starter', fromVersion: 1, toVersion: 2, ...input })

export const versionsOf = (app: MovesApp) =>
  app.db
    .prepare<[], { externalId: string; planVersion: number }>(
      `SELECT c.external_id AS externalId, s.plan_version AS planVersion
       FROM subscription s JOIN customer c ON c.id = s.customer_id
       WHERE s.plan_id = 'starter' ORDER BY c.external_id`,
    )
    .all()

/** The invoice of a customer and period: its status, subtotal and lines as [kind, amount]. */
export const invoiceOf = (app: MovesApp, externalId: string, period: string) => {
  const invoice = app.db
    .prepare<[string, string], { id: number; status: string; subtotal: number }>(
      `SELECT i.id, i.status, i.subtotal_minor AS subtotal FROM invoice i
       JOIN customer c ON c.id = i.customer_id WHERE c.external_id = ? AND i.period = ?`,
    )
    .get(externalId, period)
  if (!invoice) return undefined
  const lines = app.db
    .prepare<[number], { kind: string; description: string; amount: number }>(
      `SELECT kind, description, amount_minor AS amount FROM invoice_line
       WHERE invoice_id = ? ORDER BY position`,
    )
    .all(invoice.id)
  return { ...invoice, lines }
}
