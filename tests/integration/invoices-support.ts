import { readFileSync } from 'node:fs'
import type Database from 'better-sqlite3'
import { invoke } from '../../src-main/ipc/dispatcher'
import type { SettingsPatch } from '../../src-shared/domain/settings'
import type { BreakdownRow } from '../../src-shared/domain/pricing'
import { frozenClock, testApp } from '../support/test-app'

const catalog = readFileSync(new URL('../fixtures/catalog.yaml', import.meta.url), 'utf8').replace(
  'effectiveDate: 2026-12-01',
  'effectiveDate: 2026-01-01',
)

export type InvoicesTestApp = Awaited<ReturnType<typeof testApp>> & { db: Database.Database }

/**
 * The real services on a ledger (in memory unless a path is given) with the catalog fixture's
 * plans and two customers: `acme` (USD, region DE, on starter) and `globex` (EUR, on business).
 * Invoices are seeded with SQL as the billing run would write them, so these tests do not
 * depend on the calculation.
 */
export const invoicesTestApp = async (
  options: {
    now?: string
    ledgerPath?: string
    settings?: SettingsPatch
    app?: Omit<Parameters<typeof testApp>[0], 'clock' | 'ledgerPath'>
  } = {},
): Promise<InvoicesTestApp> => {
  const app = await testApp({
    ...options.app,
    clock: frozenClock(options.now ?? '2026-11-03T09:00:00.000Z'),
    ...(options.ledgerPath ? { ledgerPath: options.ledgerPath } : {}),
  })
  await invoke(app.dispatch, 'catalog:import', { text: catalog })
  await invoke(app.dispatch, 'settings:update', {
    companyName: 'Meterbook Demo GmbH',
    companyAddress: 'Invalidenstr. 1\n10115 Berlin',
    companyEmail: 'billing@meterbook.example',
    taxId: 'DE123456789',
    taxRates: [{ region: 'DE', name: 'VAT', ratePercent: '19' }],
    ...options.settings,
  })
  const db = app.ledger.db
  addCustomer(db, { externalId: 'acme', name: 'Acme Analytics', currency: 'USD', plan: 'starter' })
  addCustomer(db, { externalId: 'globex', name: 'Globex', currency: 'EUR', plan: 'business' })
  return Object.assign(app, { db })
}

export const addCustomer = (
  db: Database.Database,
  c: { externalId: string; name: string; currency: string; plan: string },
): void => {
  const id = db
    .prepare(
      `INSERT INTO customer (external_id, name, currency, billing_address, tax_region, created_at,
         updated_at)
       VALUES (?, ?, ?, '1 Market Street\nSan Francisco', 'DE', '2026-09-01T00:00:00.000Z',
         '2026-09-01T00:00:00.000Z')`,
    )
    .run(c.externalId, c.name, c.currency).lastInsertRowid
  db.prepare(
    `INSERT INTO subscription (customer_id, plan_id, plan_version, start_date, billing_anchor_day,
       status) VALUES (?, ?, 1, '2026-09-01', 1, 'active')`,
  ).run(id, c.plan)
}

export type SeedLine = {
  description: string
  amountMinor: number
  kind?: 'base' | 'usage' | 'manual'
  featureCode?: string
  quantity?: string
  unit?: string
  unitAmount?: string
  breakdown?: BreakdownRow[]
}

export type SeedDraft = {
  customer?: string
  /** YYYY-MM: the period starts on the 1st, UTC. */
  period?: string
  lines?: SeedLine[]
  discountMinor?: number
  creditMinor?: number
  /** The stored rate (VAT 19% by default); null for none. */
  tax?: { region: string; name: string; ratePercent: string } | null
  taxExempt?: boolean
  createdAt?: string
}

const monthAfter = (period: string): string => {
  const [y = 0, m = 1] = period.split('-').map(Number)
  return new Date(Date.UTC(y, m, 1)).toISOString()
}

/** A draft invoice with its lines and totals, as the billing run writes one. Returns its id. */
export const seedDraft = (db: Database.Database, draft: SeedDraft = {}): number => {
  const period = draft.period ?? '2026-10'
  const start = `${period}-01T00:00:00.000Z`
  const end = monthAfter(period)
  const lines = draft.lines ?? [{ description: 'Starter plan', amountMinor: 10_000, kind: 'base' }]
  const tax = draft.tax === undefined ? { region: 'DE', name: 'VAT', ratePercent: '19' } : draft.tax
  const subtotal = lines.reduce((s, l) => s + l.amountMinor, 0)
  const discount = draft.discountMinor ?? 0
  const taxMinor =
    tax && !draft.taxExempt
      ? Math.round(((subtotal - discount) * Number(tax.ratePercent)) / 100)
      : 0
  const credit = draft.creditMinor ?? 0
  const customer = db
    .prepare<[string], { id: number; sub: number; currency: string }>(
      `SELECT c.id, s.id AS sub, c.currency FROM customer c JOIN subscription s ON s.customer_id = c.id
       WHERE c.external_id = ?`,
    )
    .get(draft.customer ?? 'acme')
  if (!customer) throw new Error(`no customer ${draft.customer ?? 'acme'}`)
  const created = draft.createdAt ?? '2026-11-01T02:00:00.000Z'
  const id = Number(
    db
      .prepare(
        `INSERT INTO invoice (subscription_id, customer_id, period, period_start, period_end,
           currency, status, subtotal_minor, discount_minor, credit_minor, tax_minor, total_minor,
           tax_json, tax_exempt, notes_json, fingerprint, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, '[]', 'seeded', ?, ?)`,
      )
      .run(
        customer.sub,
        customer.id,
        period,
        start,
        end,
        customer.currency,
        subtotal,
        discount,
        credit,
        taxMinor,
        subtotal - discount - credit + taxMinor,
        tax ? JSON.stringify(tax) : null,
        draft.taxExempt ? 1 : 0,
        created,
        created,
      ).lastInsertRowid,
  )
  const insertLine = db.prepare(
    `INSERT INTO invoice_line (invoice_id, position, kind, feature_code, description, quantity,
       unit, unit_amount, amount_minor, breakdown_json, period_start, period_end)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  lines.forEach((l, i) =>
    insertLine.run(
      id,
      i + 1,
      l.kind ?? 'usage',
      l.featureCode ?? null,
      l.description,
      l.quantity ?? '1',
      l.unit ?? null,
      l.unitAmount ?? null,
      l.amountMinor,
      JSON.stringify(l.breakdown ?? []),
      start,
      end,
    ),
  )
  if (discount > 0)
    db.prepare(
      `INSERT INTO invoice_discount (invoice_id, discount_id, description, amount_minor)
       VALUES (?, 1, 'Launch discount', ?)`,
    ).run(id, discount)
  return id
}

/** Prepaid credit for a customer, as the credits area grants it. */
export const grantCredit = (
  db: Database.Database,
  customer: string,
  amountMinor: number,
  expiresAt: string | null = null,
): void => {
  db.prepare(
    `INSERT INTO credit_entry (customer_id, currency, kind, amount_minor, expires_at, note, at,
       operator)
     SELECT id, currency, 'grant', ?, ?, 'seeded', '2026-10-15T00:00:00.000Z', 'tester'
     FROM customer WHERE external_id = ?`,
  ).run(amountMinor, expiresAt, customer)
}

export const creditBalance = (db: Database.Database, customer: string): number =>
  db
    .prepare<[string], number>(
      `SELECT coalesce(sum(e.amount_minor), 0) FROM credit_entry e
       JOIN customer c ON c.id = e.customer_id WHERE c.external_id = ?`,
    )
    .pluck()
    .get(customer) ?? 0
