import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { FeatureOverride, Plan, PlanVersion } from '../../src-shared/domain/catalog'
import type { Customer, CustomerInputSchema } from '../../src-shared/domain/customers'
import { isCurrency } from '../../src-shared/money'
import { addDays, dayOf } from '../calendar/business-days'
import { findPlan } from '../catalog/plans'
import {
  CustomerEntity,
  SubscriptionEntity,
  type CustomerRow,
  type SubscriptionRow,
} from '../db/entities/customer'
import { AppError } from '../errors'
import { parseOrThrow } from '../ipc/validation'
import { readSettings } from '../settings/settings-service'
import { OverridesSchema } from './customer-schemas'
import { findCustomer, getCustomer } from './customers'

export type CustomerInputParsed = z.output<typeof CustomerInputSchema>

const invalid = (field: string, message: string, subject: string): AppError =>
  new AppError('validation_failed', `${subject}: ${field} ${message}`, { [field]: message })

/**
 * The plan version a subscription is on: the one named; else the one it is already on (so saving
 * a customer never migrates them: grandfathering); else the version in effect today. Pure over
 * the plan's versions, so the import can choose from plans it read once.
 */
export const chooseVersion = (
  plan: Plan | undefined,
  input: NonNullable<CustomerInputParsed['subscription']>,
  current: Customer['subscription'],
  today: string,
): PlanVersion => {
  const subject = 'Invalid subscription'
  if (!plan)
    throw invalid('subscription.planId', `"${input.planId}" is not a plan in the catalog`, subject)
  const wanted =
    input.planVersion ?? (current?.planId === plan.id ? current.planVersion : undefined)
  if (wanted !== undefined) {
    const version = plan.versions.find((v) => v.version === wanted && v.status === 'published')
    if (!version) {
      throw invalid(
        'subscription.planVersion',
        `${wanted} is not a published version of ${plan.id}`,
        subject,
      )
    }
    return version
  }
  // As versionInEffect: the latest effective date on or before today, then the highest version.
  const inEffect = plan.versions
    .filter((v) => v.status === 'published' && (v.effectiveFrom ?? '') <= today)
    .sort(
      (a, b) =>
        (b.effectiveFrom ?? '').localeCompare(a.effectiveFrom ?? '') || b.version - a.version,
    )[0]
  if (!inEffect)
    throw invalid(
      'subscription.planId',
      `plan ${plan.id} has no published version in effect`,
      subject,
    )
  return inEffect
}

/**
 * Once a period has been invoiced, the plan, the start date and the anchor day have cut invoiced
 * periods: saving the customer cannot change them. A plan change goes through Change plan, which
 * records the change and prorates the period.
 */
const refuseRecut = (
  current: Customer['subscription'],
  next: { planId: string; planVersion: number; startDate: string; billingAnchorDay: number },
): void => {
  if (!current?.billedThrough) return
  const since = `once the subscription has been invoiced (through ${current.billedThrough.slice(0, 10)})`
  const subject = 'Invalid subscription'
  if (next.planId !== current.planId || next.planVersion !== current.planVersion)
    throw invalid(
      'subscription.planId',
      `cannot be changed here ${since}: use Change plan, which prorates the period`,
      subject,
    )
  if (next.startDate !== current.startDate)
    throw invalid('subscription.startDate', `cannot be changed ${since}`, subject)
  if (next.billingAnchorDay !== current.billingAnchorDay)
    throw invalid('subscription.billingAnchorDay', `cannot be changed ${since}`, subject)
}

/** What a save writes: the customer's columns, and their subscription's when the input has one. */
export type CustomerChange = {
  fields: Omit<CustomerRow, 'id' | 'externalId' | 'createdAt' | 'updatedAt'>
  overrides: FeatureOverride[]
  subscription: Pick<
    SubscriptionRow,
    'planId' | 'planVersion' | 'startDate' | 'billingAnchorDay' | 'trialEnd'
  > | null
}

/**
 * A trial ends `trialDays` calendar days after the start date, which is a day in the business time
 * zone already: 14 days from 2026-10-01 end on 2026-10-15, the first billed day.
 */
const planTrialEnd = (startDate: string, trialDays: number): string | null =>
  trialDays > 0 ? addDays(startDate, trialDays) : null

/**
 * The trial end to store: the one given, or null when the input says explicitly "no trial";
 * left out, an existing subscription keeps its own and a new one takes its plan version's trial.
 */
const trialEndOf = (
  sub: NonNullable<CustomerInputParsed['subscription']>,
  version: PlanVersion | null,
  current: Customer['subscription'],
): string | null => {
  if (sub.trialEnd !== undefined) return sub.trialEnd
  if (current) return current.trialEnd
  return version ? planTrialEnd(sub.startDate, version.trialDays) : null
}

/**
 * Decides a save without touching the ledger: what the input sets wins, what it leaves out stays
 * as it is (`before`), and the rules every save obeys (the plan's currency, a trial not before
 * the start, overrides of the plan's features, no re-cut of invoiced periods) are checked here.
 */
export const decideCustomer = (
  input: CustomerInputParsed,
  before: Customer | null,
  version: PlanVersion | null,
): CustomerChange => {
  const sub = input.subscription
  const currency = input.currency ?? before?.currency ?? version?.currency
  if (!currency)
    throw invalid('currency', 'is required for a customer without a plan', 'Invalid customer')
  if (!isCurrency(currency))
    throw invalid('currency', 'must be an ISO 4217 currency code such as USD', 'Invalid customer')
  if (version && version.currency !== currency) {
    throw invalid(
      'currency',
      `must be the plan's currency (${version.currency})`,
      'Invalid customer',
    )
  }
  if (sub?.trialEnd && sub.trialEnd < sub.startDate) {
    throw invalid(
      'subscription.trialEnd',
      'must not be before the start date',
      'Invalid subscription',
    )
  }
  // Stored overrides were checked when they were written: only new ones are parsed (a bulk
  // import saves thousands of customers whose overrides it does not touch).
  const overrides =
    input.overrides === undefined
      ? (before?.overrides ?? [])
      : parseOrThrow(OverridesSchema, input.overrides, ['overrides'], 'overrides')
  const features = new Set(version?.features.map((f) => f.code) ?? [])
  overrides.forEach((o, i) => {
    if (version && !features.has(o.code)) {
      throw invalid(
        `overrides[${i}].code`,
        `"${o.code}" is not a feature of the plan`,
        'Invalid overrides',
      )
    }
  })

  const subscription =
    sub && version
      ? {
          planId: sub.planId,
          planVersion: version.version,
          startDate: sub.startDate,
          billingAnchorDay:
            sub.billingAnchorDay ??
            before?.subscription?.billingAnchorDay ??
            Number(sub.startDate.slice(8, 10)),
          trialEnd: trialEndOf(sub, version, before?.subscription ?? null),
        }
      : null
  if (subscription) refuseRecut(before?.subscription ?? null, subscription)
  return {
    fields: {
      name: input.name,
      email: input.email ?? before?.email ?? '',
      billingEmail: input.billingEmail ?? before?.billingEmail ?? '',
      currency,
      billingAddress: input.billingAddress ?? before?.billingAddress ?? '',
      taxRegion: input.taxRegion ?? before?.taxRegion ?? '',
      taxExempt: (input.taxExempt ?? before?.taxExempt ?? false) ? 1 : 0,
      notes: input.notes ?? before?.notes ?? '',
      overridesJson: JSON.stringify(overrides),
    },
    overrides,
    subscription,
  }
}

/** A new subscription is trialing while its trial end is still ahead. */
export const initialStatus = (trialEnd: string | null, today: string): 'trialing' | 'active' =>
  trialEnd !== null && trialEnd > today ? 'trialing' : 'active'

/** Creates or updates (by external id) a customer and their subscription; reads all, then writes. */
export const saveCustomer = async (
  db: EntityManager,
  input: CustomerInputParsed,
  now: Date,
): Promise<{ before: Customer | null; after: Customer }> => {
  const today = now.toISOString().slice(0, 10)
  // Whether a new subscription starts in its trial is a question of the business day.
  const localToday = dayOf(now, (await readSettings(db)).businessTimeZone)
  const before = (await findCustomer(db, input.externalId)) ?? null
  const sub = input.subscription
  const version = sub
    ? chooseVersion(await findPlan(db, sub.planId), sub, before?.subscription ?? null, today)
    : null
  const { fields: decided, subscription } = decideCustomer(input, before, version)

  const at = now.toISOString()
  const fields = { ...decided, updatedAt: at }
  let customerId: number
  if (before) {
    customerId = before.id
    await db.update(CustomerEntity, { id: customerId }, fields)
  } else {
    const inserted = await db.insert(CustomerEntity, {
      externalId: input.externalId,
      createdAt: at,
      ...fields,
    })
    customerId = Number(inserted.identifiers[0]?.['id'])
  }
  if (subscription) {
    if (before?.subscription) {
      await db.update(SubscriptionEntity, { id: before.subscription.id }, subscription)
    } else {
      await db.insert(SubscriptionEntity, {
        customerId,
        ...subscription,
        status: initialStatus(subscription.trialEnd, localToday),
        billedThrough: null,
      })
    }
  }
  return { before, after: await getCustomer(db, input.externalId) }
}
