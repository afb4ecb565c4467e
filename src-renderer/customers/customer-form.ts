import type { Customer, CustomerInput } from '../../src-shared/domain/customers'
import { ApiError } from '../api'

/** The form as typed: every field a string (or the one flag), converted only when sent. */
export type CustomerForm = {
  externalId: string
  name: string
  email: string
  currency: string
  billingAddress: string
  taxRegion: string
  taxExempt: boolean
  notes: string
  planId: string
  startDate: string
  billingAnchorDay: string
  trialEnd: string
}

export type FormField = keyof CustomerForm
export type FormErrors = Partial<Record<FormField, string>>

export const emptyForm = (today: string): CustomerForm => ({
  externalId: '',
  name: '',
  email: '',
  currency: '',
  billingAddress: '',
  taxRegion: '',
  taxExempt: false,
  notes: '',
  planId: '',
  startDate: today,
  billingAnchorDay: '',
  trialEnd: '',
})

export const formOf = (customer: Customer, today: string): CustomerForm => {
  const subscription = customer.subscription
  return {
    externalId: customer.externalId,
    name: customer.name,
    email: customer.email,
    currency: customer.currency,
    billingAddress: customer.billingAddress,
    taxRegion: customer.taxRegion,
    taxExempt: customer.taxExempt,
    notes: customer.notes,
    planId: subscription?.planId ?? '',
    startDate: subscription?.startDate ?? today,
    billingAnchorDay: subscription ? String(subscription.billingAnchorDay) : '',
    trialEnd: subscription?.trialEnd ?? '',
  }
}

/**
 * What to send. Blank optional fields are left out so the server applies its defaults (the plan's
 * currency, the start date's day as anchor). Unreadable numbers are sent as they parse
 * (NaN travels as null) so the server's message lands under the field instead of input vanishing.
 */
export const toInput = (form: CustomerForm, existing: Customer | undefined): CustomerInput => {
  const input: CustomerInput = {
    externalId: form.externalId,
    name: form.name,
    email: form.email.trim(),
    billingAddress: form.billingAddress,
    taxRegion: form.taxRegion.trim(),
    taxExempt: form.taxExempt,
    notes: form.notes,
  }
  const currency = form.currency.trim()
  if (currency) input.currency = currency
  if (!form.planId) return input

  const current = existing?.subscription
  const anchor = form.billingAnchorDay.trim()
  const trialEnd = form.trialEnd.trim()
  input.subscription = {
    planId: form.planId,
    startDate: form.startDate,
    // Staying on the same plan keeps the subscribed version: a save must not migrate anyone.
    ...(current && current.planId === form.planId ? { planVersion: current.planVersion } : {}),
    ...(anchor ? { billingAnchorDay: Number(anchor) } : {}),
    // Left out, the server keeps a trial end already set: clearing the field must say so.
    ...(trialEnd ? { trialEnd } : current?.trialEnd ? { trialEnd: null } : {}),
  }
  return input
}

const fieldOfPath: Record<string, FormField> = {
  externalId: 'externalId',
  name: 'name',
  email: 'email',
  currency: 'currency',
  billingAddress: 'billingAddress',
  taxRegion: 'taxRegion',
  taxExempt: 'taxExempt',
  notes: 'notes',
  subscription: 'planId',
  'subscription.planId': 'planId',
  'subscription.planVersion': 'planId',
  'subscription.startDate': 'startDate',
  'subscription.billingAnchorDay': 'billingAnchorDay',
  'subscription.trialEnd': 'trialEnd',
}

/**
 * Splits a rejected save into messages for the form's fields and whether anything is left that no
 * field shows (then the whole error is shown above the form, so no message goes unseen).
 */
export const splitErrors = (error: unknown): { fields: FormErrors; unplaced: boolean } => {
  if (!(error instanceof ApiError) || !error.fields) return { fields: {}, unplaced: true }
  const fields: FormErrors = {}
  let unplaced = false
  for (const [path, message] of Object.entries(error.fields)) {
    const field = fieldOfPath[path]
    if (field) fields[field] = fields[field] ? `${fields[field]}; ${message}` : message
    else unplaced = true
  }
  return { fields, unplaced: unplaced || Object.keys(fields).length === 0 }
}
