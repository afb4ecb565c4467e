import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { PlanVersion } from '../../src-shared/domain/catalog'
import type { Customer, CustomerInputSchema } from '../../src-shared/domain/customers'
import { isCurrency } from '../../src-shared/money'
import { addDays, dayOf } from '../calendar/business-days'
import { findPlan, versionInEffect } from '../catalog/plans'
import { CustomerEntity, SubscriptionEntity } from '../db/entities/customer'
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
 * a customer never migrates them: grandfathering); else the version in effect today.
 */
const resolveVersion = async (
  db: EntityManager,
  input: NonNullable<CustomerInputParsed['subscription']>,
  current: Customer['subscription'],
  today: string,
): Promise<PlanVersion> => {
  const plan = await findPlan(db, input.planId)
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
  const inEffect = await versionInEffect(db, plan.id, today)
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
  version: PlanVersion,
  current: Customer['subscription'],
): string | null => {
  if (sub.trialEnd !== undefined) return sub.trialEnd
  if (current) return current.trialEnd
  return planTrialEnd(sub.startDate, version.trialDays)
}

/** Creates or updates (by external id) a customer and their subscription; reads all, then writes. */
export const saveCustomer = async (
  db: EntityManager,
  input: CustomerInputParsed,
  now: Date,
): Promise<{ before: Customer | null; after: Customer }> => {
  const today = now.toISOString().slice(0, 10)
  const before = (await findCustomer(db, input.externalId)) ?? null
  const sub = input.subscription
  const version = sub ? await resolveVersion(db, sub, before?.subscription ?? null, today) : null

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
  const overrides = parseOrThrow(
    OverridesSchema,
    input.overrides ?? before?.overrides ?? [],
    ['overrides'],
    'overrides',
  )
  const features = new Set((version ?? undefined)?.features.map((f) => f.code) ?? [])
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

  const at = now.toISOString()
  const fields = {
    name: input.name,
    email: input.email ?? before?.email ?? '',
    currency,
    billingAddress: input.billingAddress ?? before?.billingAddress ?? '',
    taxRegion: input.taxRegion ?? before?.taxRegion ?? '',
    taxExempt: (input.taxExempt ?? before?.taxExempt ?? false) ? 1 : 0,
    notes: input.notes ?? before?.notes ?? '',
    overridesJson: JSON.stringify(overrides),
    updatedAt: at,
  }
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
      const { businessTimeZone } = await readSettings(db)
      const localToday = dayOf(now, businessTimeZone)
      const trialing = subscription.trialEnd !== null && subscription.trialEnd > localToday
      await db.insert(SubscriptionEntity, {
        customerId,
        ...subscription,
        status: trialing ? 'trialing' : 'active',
        billedThrough: null,
      })
    }
  }
  return { before, after: await getCustomer(db, input.externalId) }
}
