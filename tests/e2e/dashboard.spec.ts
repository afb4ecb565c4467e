import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import Database from 'better-sqlite3'
import { expect, invokeFromPage, test } from './fixtures'

test.use({ locale: 'en-US', timezoneId: 'UTC' })

const catalog = `
version: '1'
effectiveDate: 2026-01-01
meteringWindow: custom
plans:
  - { id: starter, name: Starter, currency: USD, interval: month, basePrice: 19.00 }
  - { id: euro, name: Euro, currency: EUR, interval: month, basePrice: 50.00 }
`

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })
const eur = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' })
const dollars = (minor: number) => usd.format(minor / 100)
const euros = (minor: number) => eur.format(minor / 100)

/** Calendar arithmetic in UTC (the ledger's business time zone by default). */
const now = new Date()
const day = (offset: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset))
    .toISOString()
    .slice(0, 10)
const monthKey = (back: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7)
const lastDayOfLastMonth = new Date(
  Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0, 12),
).toISOString()

type Seeded = {
  customer: number
  subscription: number
  period: string
  currency: string
  total: number
  usage: number
  number: string
  status: 'finalized' | 'paid'
  due: string
}

/** Invoices written as the billing run would leave them: a usage line and a base line. */
const seedInvoice = (db: Database.Database, s: Seeded): number => {
  const start = `${s.period}-01T00:00:00.000Z`
  const id = Number(
    db
      .prepare(
        `INSERT INTO invoice (subscription_id, customer_id, period, period_start, period_end,
           currency, status, subtotal_minor, discount_minor, credit_minor, tax_minor, total_minor,
           fingerprint, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, 0, 0, 0, ?, 'e2e', ?, ?)`,
      )
      .run(
        s.subscription,
        s.customer,
        s.period,
        start,
        start,
        s.currency,
        s.total,
        s.total,
        start,
        start,
      ).lastInsertRowid,
  )
  const line = db.prepare(
    `INSERT INTO invoice_line (invoice_id, position, kind, description, quantity, amount_minor,
       period_start, period_end) VALUES (?, ?, ?, ?, '1', ?, ?, ?)`,
  )
  line.run(id, 1, 'usage', 'API calls', s.usage, start, start)
  line.run(id, 2, 'base', 'Base fee', s.total - s.usage, start, start)
  db.prepare('UPDATE invoice SET status = ?, number = ?, due_date = ? WHERE id = ?').run(
    s.status,
    s.number,
    s.due,
    id,
  )
  return id
}

test('the dashboard shows the money per currency and the activity in words', async ({
  page,
  meterbook,
}, testInfo) => {
  await invokeFromPage(page, 'catalog:import', { text: catalog, fileName: 'catalog.yaml' })
  for (const [externalId, planId] of [
    ['alpha', 'starter'],
    ['bravo', 'starter'],
    ['hotel', 'euro'],
  ])
    await invokeFromPage(page, 'customers:save', {
      externalId,
      name: `${externalId} Ltd`,
      subscription: { planId, startDate: '2026-01-01', trialEnd: null },
    })

  const db = new Database(join(meterbook.dataDir, 'ledger.sqlite'))
  db.prepare("UPDATE subscription SET status = 'active'").run()
  const [alpha, bravo, hotel] = [1, 2, 3].map((id) => ({ customer: id, subscription: id }))
  const [p1, p2] = [monthKey(1), monthKey(2)]
  const a = seedInvoice(db, {
    ...alpha!,
    period: p1,
    currency: 'USD',
    total: 10000,
    usage: 2500,
    number: 'MB-E2E-1',
    status: 'finalized',
    due: day(-5),
  })
  const b = seedInvoice(db, {
    ...bravo!,
    period: p1,
    currency: 'USD',
    total: 4000,
    usage: 1000,
    number: 'MB-E2E-2',
    status: 'finalized',
    due: day(10),
  })
  const c = seedInvoice(db, {
    ...bravo!,
    period: p2,
    currency: 'USD',
    total: 3000,
    usage: 600,
    number: 'MB-E2E-3',
    status: 'finalized',
    due: day(20),
  })
  const d = seedInvoice(db, {
    ...alpha!,
    period: p2,
    currency: 'USD',
    total: 1200,
    usage: 300,
    number: 'MB-E2E-4',
    status: 'paid',
    due: day(-40),
  })
  db.prepare('UPDATE invoice SET paid_at = ? WHERE id = ?').run(lastDayOfLastMonth, d)
  seedInvoice(db, {
    ...hotel!,
    period: p1,
    currency: 'EUR',
    total: 8000,
    usage: 1234,
    number: 'MB-E2E-5',
    status: 'finalized',
    due: day(-1),
  })
  db.prepare(
    `INSERT INTO payment_failure (operation, invoice_id, amount_minor, currency, error_type,
       decline_code, message, strategy, attempts, max_attempts, status, context_json, created_at,
       updated_at)
     VALUES ('invoice.collect', ?, 4000, 'USD', 'card_error', 'card_declined', 'Declined',
       'exponential', 1, 4, 'open', '{}', ?, ?)`,
  ).run(b, now.toISOString(), now.toISOString())
  db.close()
  await invokeFromPage(page, 'invoices:credit-note', {
    invoiceId: a,
    reason: 'Goodwill',
    lines: [{ description: 'Goodwill', amountMinor: 2500 }],
    settlement: 'credit_balance',
  })
  await invokeFromPage(page, 'invoices:mark-paid', { id: c })

  // Hand computation. USD owed: A 100.00 − 25.00 credited + B 40.00; overdue: A; collected this
  // month: C (D was paid last month); at risk: the open failure on B. MRR: 2 × 19.00 base plus
  // the usage average of the billed periods p2 (6.00 + 3.00) and p1 (25.00 + 10.00).
  const usdOwed = 10000 - 2500 + 4000
  const usdBase = 2 * 1900
  const usdUsage = Math.round((600 + 300 + (2500 + 1000)) / 2)
  const expected = {
    USD: {
      owed: dollars(usdOwed),
      overdue: dollars(10000 - 2500),
      collected: dollars(3000),
      'at-risk': dollars(4000),
      mrr: dollars(usdBase + usdUsage),
    },
    EUR: {
      owed: euros(8000),
      overdue: euros(8000),
      collected: euros(0),
      'at-risk': euros(0),
      mrr: euros(5000 + 1234),
    },
  }

  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  for (const [currency, tiles] of Object.entries(expected))
    for (const [key, text] of Object.entries(tiles))
      await expect(page.getByTestId(`tile-${key}-${currency}`)).toHaveText(text)
  await expect(page.getByRole('region', { name: 'MRR with usage (USD)' })).toContainText(
    `Base fees only: ${dollars(usdBase)}`,
  )

  const feed = page.getByTestId('activity-feed').getByRole('listitem')
  await expect(feed.nth(0)).toContainText('Invoice MB-E2E-3 paid')
  await expect(feed.nth(1)).toContainText('Invoice MB-E2E-1 credited')
  await expect(feed.nth(2)).toContainText('Customer hotel Ltd created')
  await expect(page.getByTestId('activity-feed')).not.toContainText('{')

  // The page scrolls inside the shell, not the document: a tall window shows all of it.
  await page.setViewportSize({ width: 1280, height: 1900 })
  await expect(page.getByRole('region', { name: 'Invoiced revenue by month' })).toBeVisible()
  await testInfo.attach('dashboard', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  })

  // The page's own content passes axe-core without serious or critical violations.
  const axe = await new AxeBuilder({ page }).include('main').analyze()
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([])

  await feed.nth(0).getByRole('link').click()
  await expect(page).toHaveURL(new RegExp(`#/invoices/${c}$`))
})

test('the first load asks for the session and the dashboard summary at once, before the shell renders', async ({
  page,
  meterbook,
}) => {
  const asked: string[] = []
  page.on('request', (request) => {
    const channel = /\/api\/invoke\/([^?]+)/.exec(request.url())?.[1]
    if (channel) asked.push(decodeURIComponent(channel))
  })
  await page.goto(meterbook.url)
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible()
  await expect(page.getByRole('progressbar')).toHaveCount(0)
  // The shell's own read (the retry queue's badge) comes once it renders: after the two the
  // first screen needs, which no longer wait for React's first frame or for each other.
  expect(asked.slice(0, 2).sort()).toEqual(['dashboard:summary', 'session:whoami'])
  expect(asked).toContain('retries:summary')
  expect(asked.filter((channel) => channel === 'dashboard:summary')).toHaveLength(1)
})
