import { invoke } from '../../src-main/ipc/dispatcher'
import type { PlanTerms } from '../../src-shared/domain/catalog'
import { addCustomer } from './usage-support'
import type { MovesApp } from './plan-moves-support'

/** A customer of Starter on a given version, from a start date (no trial). */
export const subscriber = (
  app: MovesApp,
  externalId: string,
  version: number,
  options: { startDate?: string; currency?: string } = {},
): void => {
  const id = addCustomer(app.db, externalId, 'starter')
  app.db
    .prepare('UPDATE subscription SET plan_version = ?, start_date = ? WHERE customer_id = ?')
    .run(version, options.startDate ?? '2026-10-01', id)
  if (options.currency)
    app.db.prepare('UPDATE customer SET currency = ? WHERE id = ?').run(options.currency, id)
}

/** Starter's version `from`, its text edited by `edit`, saved as the draft (or published). */
export const versionFrom = async (
  app: MovesApp,
  from: number,
  edit: (json: string) => string,
  basePriceMinor?: number,
): Promise<PlanTerms> => {
  const plan = await invoke(app.dispatch, 'catalog:get-plan', { id: 'starter' })
  const source = plan.versions.find((v) => v.version === from)
  if (!source) throw new Error(`starter has no version ${from}`)
  const { currency, interval, trialDays, rounding, features } = source
  const terms = JSON.parse(
    edit(JSON.stringify({ currency, interval, trialDays, rounding, features })),
  ) as Omit<PlanTerms, 'basePriceMinor'>
  const saved = { ...terms, basePriceMinor: basePriceMinor ?? source.basePriceMinor }
  await invoke(app.dispatch, 'catalog:save-draft', { id: 'starter', terms: saved })
  return saved
}

/** Every table's rows, in rowid order: what a read-only call must leave exactly as it found. */
export const ledgerRows = (app: MovesApp): Record<string, unknown[]> =>
  Object.fromEntries(
    app.db
      .prepare<[], string>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all()
      .map((name) => [name, app.db.prepare(`SELECT * FROM "${name}"`).all()]),
  )
