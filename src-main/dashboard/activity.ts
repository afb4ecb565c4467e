import type Database from 'better-sqlite3'
import type { ActivityItem, ActivityTarget } from '../../src-shared/domain/billing'

/** An audit entry as read for the feed: its before and after parsed, entity as recorded. */
export type FeedEntry = {
  id: number
  at: string
  operator: string
  action: string
  entityType: string
  entityId: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

type Sentence = { text: string; target: ActivityTarget }
type Describe = (entry: FeedEntry) => Sentence

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? `${value}` : null

/** `card_declined` → `card declined`: Stripe's and our codes read as words. */
const words = (value: string): string => value.replace(/[_-]+/g, ' ').trim()

const invoice = (e: FeedEntry): ActivityTarget =>
  // The invoice's id is filled in by `describeActivity` (audit entries name invoices by number).
  ({ page: 'audit', entityType: 'invoice', entityId: e.entityId })
const customer = (externalId: string): ActivityTarget => ({ page: 'customer', externalId })
const audited = (e: FeedEntry): ActivityTarget => ({
  page: 'audit',
  entityType: e.entityType,
  entityId: e.entityId,
})

const invoiceSentence =
  (verb: string): Describe =>
  (e) => ({ text: `Invoice ${e.entityId} ${verb}`, target: invoice(e) })

/** A subscription's audit names its customer (most do) or only its row id (older paths). */
const subscriptionTarget = (e: FeedEntry): ActivityTarget =>
  /^\d+$/.test(e.entityId) ? audited(e) : customer(e.entityId)

const statusMove =
  (how: string): Describe =>
  (e) => {
    const to = text(e.after?.['status'])
    return {
      text: to
        ? `Subscription of ${e.entityId} ${how} ${words(to)}`
        : `Subscription of ${e.entityId} changed`,
      target: subscriptionTarget(e),
    }
  }

const paymentFailed: Describe = (e) => {
  const who = text(e.after?.['customer']) ?? 'a customer'
  const why =
    text(e.after?.['declineCode']) ?? text(e.after?.['code']) ?? text(e.after?.['errorType'])
  return {
    text: why ? `Payment failed for ${who}: ${words(why)}` : `Payment failed for ${who}`,
    target: { page: 'retries' },
  }
}

const billingRun: Describe = (e) => {
  const period = text(e.after?.['period'])
  const invoices = text(e.after?.['invoices']) ?? '0'
  const status = text(e.after?.['status'])
  const what = period ? `Billing run for ${period}` : 'Billing run for the due periods'
  return {
    text:
      status === 'completed'
        ? `${what}: ${invoices} invoice${invoices === '1' ? '' : 's'}`
        : `${what} ${status ? words(status) : 'finished'}`,
    target: { page: 'billing-run', id: e.entityId },
  }
}

/**
 * Every action the feed puts in words, in one place. An action missing here still reads as a
 * sentence (`genericSentence`), so a new channel never shows raw JSON on the dashboard.
 */
export const activitySentences: Record<string, Describe> = {
  'invoices:finalize': invoiceSentence('finalized'),
  'invoices:mark-paid': invoiceSentence('paid'),
  'payments:paid': invoiceSentence('paid'),
  'invoices:void': invoiceSentence('voided'),
  'invoices:mark-uncollectible': invoiceSentence('written off as uncollectible'),
  'invoices:credit-note': invoiceSentence('credited (credit note issued)'),
  'invoices:add-line': (e) => ({ text: `Line added to draft ${e.entityId}`, target: invoice(e) }),
  'invoices:remove-line': (e) => ({
    text: `Line removed from draft ${e.entityId}`,
    target: invoice(e),
  }),
  'invoices:regenerate': invoiceSentence('regenerated'),
  'payments:push': invoiceSentence('sent to Stripe'),
  'payments:refunded': invoiceSentence('refunded in Stripe'),
  'payments:disputed': invoiceSentence('disputed in Stripe'),
  'billing:run-start': (e) => ({
    text: `Billing run ${text(e.after?.['period']) ?? 'for the due periods'} started`,
    target: { page: 'billing-run', id: e.entityId },
  }),
  'billing:run-finish': billingRun,
  'retries:failed': paymentFailed,
  'retries:manual': paymentFailed,
  'retries:succeeded': (e) => ({
    text: `Payment retry succeeded for ${text(e.after?.['customer']) ?? 'a customer'}`,
    target: { page: 'retries' },
  }),
  'retries:called-off': (e) => ({
    text: `Payment retries called off for ${text(e.after?.['customer']) ?? 'a customer'}`,
    target: { page: 'retries' },
  }),
  'retries:act': (e) => ({
    text: `Payment failure for ${text(e.after?.['customer']) ?? 'a customer'}: ${words(text(e.after?.['action']) ?? 'updated')}`,
    target: { page: 'retries' },
  }),
  'retries:dunning': statusMove('moved by dunning to'),
  'subscriptions:transition': statusMove('moved to'),
  'subscriptions:lifecycle': statusMove('moved to'),
  'subscriptions:cancel': (e) => ({
    text: `Subscription of ${e.entityId} canceled`,
    target: subscriptionTarget(e),
  }),
  'subscriptions:change-plan': (e) => ({
    text: `${e.entityId} changed plan${text(e.after?.['planId']) ? ` to ${text(e.after?.['planId'])}` : ''}`,
    target: subscriptionTarget(e),
  }),
  'plan-moves:apply': (e) => ({
    text: `${e.entityId} moved to plan ${text(e.after?.['planId']) ?? ''}`.trim(),
    target: subscriptionTarget(e),
  }),
  'customers:save': (e) => ({
    text: `Customer ${text(e.after?.['name']) ?? e.entityId} ${e.before ? 'updated' : 'created'}`,
    target: customer(e.entityId),
  }),
  'customers:import': (e) => ({
    text: `Customer ${text(e.after?.['name']) ?? e.entityId} imported`,
    target: customer(e.entityId),
  }),
  'credits:add': (e) => ({ text: `Credit added for ${e.entityId}`, target: customer(e.entityId) }),
  'credits:expire': (e) => ({
    text: `Expired credit written off for ${e.entityId}`,
    target: customer(e.entityId),
  }),
  'catalog:publish': (e) => ({
    text: `Plan ${e.entityId} published`,
    target: { page: 'plan', id: e.entityId },
  }),
  'catalog:create-plan': (e) => ({
    text: `Plan ${e.entityId} created`,
    target: { page: 'plan', id: e.entityId },
  }),
  'catalog:save-draft': (e) => ({
    text: `Draft of plan ${e.entityId} saved`,
    target: { page: 'plan', id: e.entityId },
  }),
  'catalog:import': (e) =>
    e.entityType === 'plan'
      ? { text: `Plan ${e.entityId} imported`, target: { page: 'plan', id: e.entityId } }
      : e.entityType === 'catalog'
        ? { text: `Catalog ${e.entityId} imported`, target: audited(e) }
        : { text: `Catalog import: ${words(e.entityType)} ${e.entityId}`, target: audited(e) },
  'settings:update': () => ({ text: 'Settings updated', target: { page: 'settings' } }),
  'usage:import-interrupted': (e) => ({
    text: `Usage import ${e.entityId} interrupted`,
    target: { page: 'usage' },
  }),
}

/** `payments:set-key` on `payments`/`stripe` → "Payments: set key (payments stripe)". */
export const genericSentence = (e: FeedEntry): Sentence => {
  const [area = e.action, verb = ''] = e.action.split(':')
  const subject = [words(e.entityType), e.entityId].filter((s) => s !== '').join(' ')
  const head = `${words(area).replace(/^./, (c) => c.toUpperCase())}: ${words(verb)}`.trim()
  return { text: subject ? `${head} (${subject})` : head, target: audited(e) }
}

const parse = (json: string | null): Record<string, unknown> | null => {
  if (json === null) return null
  const value: unknown = JSON.parse(json)
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

/** The latest `limit` audit entries in words, newest first, each leading to its page. */
export const recentActivity = (db: Database.Database, limit: number): ActivityItem[] => {
  const rows = db
    .prepare<
      [number],
      Omit<FeedEntry, 'before' | 'after'> & { beforeJson: string | null; afterJson: string | null }
    >(
      `SELECT id, at, operator, action, entity_type AS entityType, entity_id AS entityId,
         before_json AS beforeJson, after_json AS afterJson
       FROM audit_entry ORDER BY id DESC LIMIT ?`,
    )
    .all(limit)
  const invoiceId = db.prepare<[string], number>('SELECT id FROM invoice WHERE number = ?').pluck()
  return rows.map(({ beforeJson, afterJson, ...row }) => {
    const entry: FeedEntry = { ...row, before: parse(beforeJson), after: parse(afterJson) }
    const sentence = (activitySentences[entry.action] ?? genericSentence)(entry)
    const target =
      sentence.target.page === 'audit' && sentence.target.entityType === 'invoice'
        ? invoiceTarget(invoiceId.get(entry.entityId), entry)
        : sentence.target
    return { id: entry.id, at: entry.at, operator: entry.operator, text: sentence.text, target }
  })
}

/** Finalized invoices are named by number, drafts as `draft-<id>` (`invoiceLabel`). */
const invoiceTarget = (id: number | undefined, e: FeedEntry): ActivityTarget => {
  const draft = /^draft-(\d+)$/.exec(e.entityId)?.[1]
  if (id !== undefined) return { page: 'invoice', id }
  return draft ? { page: 'invoice', id: Number(draft) } : audited(e)
}
