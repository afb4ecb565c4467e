import type Database from 'better-sqlite3'
import type { CreditEntry, CreditKind, CreditLedger } from '../../src-shared/domain/billing'
import { boundText, MAX_AMOUNT_MINOR } from '../../src-shared/money-bounds'
import { formatMinor } from '../../src-shared/money'
import { appendAudit } from '../audit/audit-service'
import { AppError } from '../errors'

/**
 * The prepaid credit ledger: append-only `credit_entry` rows, the balance is their sum.
 *
 * Which credit a debit uses up (the rule expiry depends on): every positive entry (a grant, or a
 * restore) is a lot with its own expiry. Walking the entries in id order, each negative entry
 * (consume, expire, refund) draws from the open lots with the earliest expiry first (lots that
 * never expire last), then the oldest first. Expiry therefore only ever takes what no debit has
 * used, and the remainder of every lot is a pure function of the entries.
 */

type EntryRow = {
  id: number
  kind: CreditKind
  currency: string
  amount_minor: number
  expires_at: string | null
  invoice_id: number | null
  note: string
  at: string
  operator: string
}

export type CreditLot = { entryId: number; expiresAt: string | null; remainingMinor: number }

const NEVER = '\uffff'
const lotOrder = (a: CreditLot, b: CreditLot): number =>
  (a.expiresAt ?? NEVER).localeCompare(b.expiresAt ?? NEVER) || a.entryId - b.entryId

type LedgerEntry = Pick<EntryRow, 'id' | 'amount_minor' | 'expires_at'>
type OnDraw = (debitId: number, lot: CreditLot, takenMinor: number) => void

/** Walks the entries in id order, telling `onDraw` what each debit takes from which lot. */
const walkLots = (entries: readonly LedgerEntry[], onDraw?: OnDraw): CreditLot[] => {
  const lots: CreditLot[] = []
  for (const entry of entries) {
    if (entry.amount_minor > 0) {
      lots.push({
        entryId: entry.id,
        expiresAt: entry.expires_at,
        remainingMinor: entry.amount_minor,
      })
      lots.sort(lotOrder)
      continue
    }
    let owed = -entry.amount_minor
    for (const lot of lots) {
      if (owed === 0) break
      const taken = Math.min(owed, lot.remainingMinor)
      if (taken === 0) continue
      lot.remainingMinor -= taken
      owed -= taken
      onDraw?.(entry.id, lot, taken)
    }
  }
  return lots
}

/** The lots still holding credit after `entries` (in id order), in the order debits take them. */
export const openLots = (entries: readonly LedgerEntry[]): CreditLot[] =>
  walkLots(entries).filter((lot) => lot.remainingMinor > 0)

export type CreditDraw = { entryId: number; expiresAt: string | null; amountMinor: number }

/** What the debit `debitId` took, lot by lot: the credit it used and when that credit expires. */
export const drawsOf = (entries: readonly LedgerEntry[], debitId: number): CreditDraw[] => {
  const draws: CreditDraw[] = []
  walkLots(entries, (id, lot, amountMinor) => {
    if (id === debitId) draws.push({ entryId: lot.entryId, expiresAt: lot.expiresAt, amountMinor })
  })
  return draws
}

export const creditBalance = (
  db: Database.Database,
  customerId: number,
  currency: string,
): number =>
  db
    .prepare<[number, string], number>(
      'SELECT coalesce(sum(amount_minor), 0) FROM credit_entry WHERE customer_id = ? AND currency = ?',
    )
    .pluck()
    .get(customerId, currency) ?? 0

/**
 * The credit a new invoice can use at `now`: the balance less what has expired by then but not
 * been written off yet (expiry entries are written by the scheduler, a run may come first).
 */
export const availableCredit = (
  db: Database.Database,
  customerId: number,
  currency: string,
  now: Date,
): number => {
  const at = now.toISOString()
  return openLots(entriesOf(db, customerId, currency))
    .filter((lot) => lot.expiresAt === null || lot.expiresAt > at)
    .reduce((sum, lot) => sum + lot.remainingMinor, 0)
}

const entriesOf = (db: Database.Database, customerId: number, currency?: string): EntryRow[] =>
  currency === undefined
    ? db
        .prepare<[number], EntryRow>('SELECT * FROM credit_entry WHERE customer_id = ? ORDER BY id')
        .all(customerId)
    : db
        .prepare<[number, string], EntryRow>(
          'SELECT * FROM credit_entry WHERE customer_id = ? AND currency = ? ORDER BY id',
        )
        .all(customerId, currency)

export type NewCreditEntry = {
  customerId: number
  currency: string
  kind: CreditKind
  /** Signed as the ledger stores it. */
  amountMinor: number
  expiresAt?: string | null
  invoiceId?: number | null
  creditNoteId?: number | null
  note?: string
  at: string
  operator: string
}

/**
 * Appends one entry. Credit that would take the balance past the bound (a grant, a restore, a
 * credit note) is refused: past it, sums of the ledger stop being exact.
 */
export const appendCreditEntry = (db: Database.Database, entry: NewCreditEntry): number => {
  if (entry.amountMinor > 0) {
    const balance = creditBalance(db, entry.customerId, entry.currency)
    if (balance + entry.amountMinor > MAX_AMOUNT_MINOR)
      throw new AppError(
        'conflict',
        `Adding ${formatMinor(entry.amountMinor, entry.currency, 'en-US')} of credit would take the balance from ${formatMinor(balance, entry.currency, 'en-US')} past the limit of ${formatMinor(MAX_AMOUNT_MINOR, entry.currency, 'en-US')} (${boundText}).`,
        {
          amountMinor: `must be at most ${MAX_AMOUNT_MINOR - balance} (the room left in the balance)`,
        },
      )
  }
  return Number(
    db
      .prepare(
        `INSERT INTO credit_entry (customer_id, currency, kind, amount_minor, expires_at, invoice_id,
           credit_note_id, note, at, operator)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.customerId,
        entry.currency,
        entry.kind,
        entry.amountMinor,
        entry.expiresAt ?? null,
        entry.invoiceId ?? null,
        entry.creditNoteId ?? null,
        entry.note ?? '',
        entry.at,
        entry.operator,
      ).lastInsertRowid,
  )
}

/**
 * Gives back the credit a voided invoice consumed, keeping each part's expiry: the restore is
 * one entry per expiry date among the lots the consumption drew from, so credit that was due
 * to expire still does (at once, if its date has passed), and credit that never expires never
 * will. Credit the walk cannot place (none in older ledgers) comes back without an expiry.
 */
export const restoreConsumed = (
  db: Database.Database,
  restore: {
    customerId: number
    currency: string
    invoiceId: number
    amountMinor: number
    note: string
    at: string
    operator: string
  },
): void => {
  const entries = entriesOf(db, restore.customerId, restore.currency)
  const consumed = entries.find((e) => e.kind === 'consume' && e.invoice_id === restore.invoiceId)
  const byExpiry = new Map<string | null, number>()
  let placed = 0
  for (const draw of consumed ? drawsOf(entries, consumed.id) : []) {
    const amount = Math.min(draw.amountMinor, restore.amountMinor - placed)
    if (amount <= 0) break
    byExpiry.set(draw.expiresAt, (byExpiry.get(draw.expiresAt) ?? 0) + amount)
    placed += amount
  }
  if (placed < restore.amountMinor)
    byExpiry.set(null, (byExpiry.get(null) ?? 0) + restore.amountMinor - placed)
  for (const [expiresAt, amountMinor] of byExpiry)
    appendCreditEntry(db, {
      customerId: restore.customerId,
      currency: restore.currency,
      kind: 'restore',
      amountMinor,
      expiresAt,
      invoiceId: restore.invoiceId,
      note: restore.note,
      at: restore.at,
      operator: restore.operator,
    })
}

/**
 * Writes an `expire` entry for the unused remainder of every lot whose expiry has passed (all
 * customers, or one). Expired lots are exactly the first ones in debit order, so each expire
 * entry takes its own lot. Idempotent: a second call finds nothing left to expire.
 */
/** Unused credit a customer lost to expiry, in one currency. */
export type ExpiredCredit = { customerId: string; currency: string; expiredMinor: number }

/** Writes off expired credit; resolves with the number of entries written. */
export const expireCredits = (
  db: Database.Database,
  options: { now: Date; operator: string; customerId?: number },
): number => expireCreditsReported(db, options).entries

/** The same, saying whose credit expired and how much (a scheduled slot's report). */
export const expireCreditsReported = (
  db: Database.Database,
  options: { now: Date; operator: string; customerId?: number },
): { entries: number; expired: ExpiredCredit[] } => {
  const now = options.now.toISOString()
  const owners = db
    .prepare<
      [string, number | null, number | null],
      { customerId: number; externalId: string; currency: string }
    >(
      `SELECT DISTINCT e.customer_id AS customerId, c.external_id AS externalId, e.currency
       FROM credit_entry e JOIN customer c ON c.id = e.customer_id
       WHERE e.expires_at IS NOT NULL AND e.expires_at < ? AND e.amount_minor > 0
         AND (? IS NULL OR e.customer_id = ?)`,
    )
    .all(now, options.customerId ?? null, options.customerId ?? null)
  let written = 0
  const reported: ExpiredCredit[] = []
  for (const { customerId, externalId, currency } of owners) {
    const expired = openLots(entriesOf(db, customerId, currency)).filter(
      (lot) => lot.expiresAt !== null && lot.expiresAt < now,
    )
    if (expired.length === 0) continue
    const before = creditBalance(db, customerId, currency)
    const expiredMinor = expired.reduce((sum, lot) => sum + lot.remainingMinor, 0)
    reported.push({ customerId: externalId, currency, expiredMinor })
    appendAudit(db, {
      at: now,
      operator: options.operator,
      action: 'credits:expire',
      entityType: 'credit',
      entityId: externalId,
      before: { currency, balanceMinor: before },
      after: { currency, balanceMinor: before - expiredMinor, expiredMinor },
    })
    for (const lot of expired) {
      appendCreditEntry(db, {
        customerId,
        currency,
        kind: 'expire',
        amountMinor: -lot.remainingMinor,
        note: `Unused credit of entry #${lot.entryId} expired`,
        at: now,
        operator: options.operator,
      })
      written += 1
    }
  }
  return { entries: written, expired: reported }
}

/**
 * A customer's ledgers, one per currency (the customer's own currency first, listed even when
 * empty), each with entries newest first and the balance after each.
 */
export const creditLedgers = (
  db: Database.Database,
  customerId: number,
  customerCurrency: string,
): CreditLedger[] => {
  const byCurrency = new Map<string, CreditEntry[]>([[customerCurrency, []]])
  const balances = new Map<string, number>()
  for (const row of entriesOf(db, customerId)) {
    const balance = (balances.get(row.currency) ?? 0) + row.amount_minor
    balances.set(row.currency, balance)
    const list = byCurrency.get(row.currency) ?? []
    list.push({
      id: row.id,
      kind: row.kind,
      currency: row.currency,
      amountMinor: row.amount_minor,
      balanceMinor: balance,
      expiresAt: row.expires_at,
      invoiceId: row.invoice_id,
      note: row.note,
      at: row.at,
      operator: row.operator,
    })
    byCurrency.set(row.currency, list)
  }
  return [...byCurrency].map(([currency, entries]) => ({
    currency,
    balanceMinor: balances.get(currency) ?? 0,
    entries: entries.reverse(),
  }))
}
