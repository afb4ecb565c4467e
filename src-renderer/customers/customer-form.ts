import type { Customer, CustomerInput } from '../../src-shared/domain/customers'
import { placeIn } from '../form/server-errors'

/**
 * The form as typed: every field a string (or the one flag), converted only when sent. Its shape
 * is the contract's (`subscription.startDate`), so the schema's and the server's paths name fields.
 */
export type CustomerForm = {
  externalId: string
  name: string
  email: string
  billingEmail: string
  currency: string
  billingAddress: string
  taxRegion: string
  taxExempt: boolean
  notes: string
  subscription: {
    planId: string
    startDate: string
    billingAnchorDay: string
    trialEnd: string
  }
}

export const emptyForm = (today: string): CustomerForm => ({
  externalId: '',
  name: '',
  email: '',
  billingEmail: '',
  currency: '',
  billingAddress: '',
  taxRegion: '',
  taxExempt: false,
  notes: '',
  subscription: { planId: '', startDate: today, billingAnchorDay: '', trialEnd: '' },
})

export const formOf = (customer: Customer, today: string): CustomerForm => {
  const subscription = customer.subscription
  return {
    externalId: customer.externalId,
    name: customer.name,
    email: customer.email,
    billingEmail: customer.billingEmail,
    currency: customer.currency,
    billingAddress: customer.billingAddress,
    taxRegion: customer.taxRegion,
    taxExempt: customer.taxExempt,
    notes: customer.notes,
    subscription: {
      planId: subscription?.planId ?? '',
      startDate: subscription?.startDate ?? today,
      billingAnchorDay: subscription ? String(subscription.billingAnchorDay) : '',
      trialEnd: subscription?.trialEnd ?? '',
    },
  }
}

/** Whatever cannot be sent as a number at all; the contract's schema judges the rest. */
export const customerProblems = (form: CustomerForm): Record<string, string> => {
  const anchor = form.subscription.billingAnchorDay.trim()
  return form.subscription.planId && anchor !== '' && !/^\d+$/.test(anchor)
    ? { 'subscription.billingAnchorDay': 'must be a whole number from 1 to 31' }
    : {}
}

/**
 * What to send. Blank optional fields are left out so the server applies its defaults (the plan's
 * currency, the start date's day as anchor).
 */
export const toInput = (form: CustomerForm, existing: Customer | undefined): CustomerInput => {
  const input: CustomerInput = {
    externalId: form.externalId,
    name: form.name,
    email: form.email.trim(),
    billingEmail: form.billingEmail.trim(),
    billingAddress: form.billingAddress,
    taxRegion: form.taxRegion.trim(),
    taxExempt: form.taxExempt,
    notes: form.notes,
  }
  const currency = form.currency.trim()
  if (currency) input.currency = currency
  const typed = form.subscription
  if (!typed.planId) return input

  const current = existing?.subscription
  const anchor = typed.billingAnchorDay.trim()
  const trialEnd = typed.trialEnd.trim()
  input.subscription = {
    planId: typed.planId,
    startDate: typed.startDate,
    // Staying on the same plan keeps the subscribed version: a save must not migrate anyone.
    ...(current && current.planId === typed.planId ? { planVersion: current.planVersion } : {}),
    ...(anchor ? { billingAnchorDay: Number(anchor) } : {}),
    // Left out, the server keeps a trial end already set: clearing the field must say so.
    ...(trialEnd ? { trialEnd } : current?.trialEnd ? { trialEnd: null } : {}),
  }
  return input
}

/** Where a server message lands: the fields by their own path, the subscription's on its plan. */
export const placeCustomerError = placeIn(
  [
    'externalId',
    'name',
    'email',
    'billingEmail',
    'currency',
    'billingAddress',
    'taxRegion',
    'taxExempt',
    'notes',
    'subscription.planId',
    'subscription.startDate',
    'subscription.billingAnchorDay',
    'subscription.trialEnd',
  ] as const,
  { subscription: 'subscription.planId', 'subscription.planVersion': 'subscription.planId' },
)
