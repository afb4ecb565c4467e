import { EntitySchema } from 'typeorm'
import type { SubscriptionStatus } from '../../../src-shared/domain/customers'

export type CustomerRow = {
  id: number
  externalId: string
  name: string
  email: string
  /** Where invoices and reminders are emailed (migration 0027); empty: none are. */
  billingEmail: string
  currency: string
  billingAddress: string
  taxRegion: string
  taxExempt: number
  notes: string
  overridesJson: string
  createdAt: string
  updatedAt: string
}

export const CustomerEntity = new EntitySchema<CustomerRow>({
  name: 'Customer',
  tableName: 'customer',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    externalId: { type: 'text', name: 'external_id' },
    name: { type: 'text' },
    email: { type: 'text' },
    billingEmail: { type: 'text', name: 'billing_email' },
    currency: { type: 'text' },
    billingAddress: { type: 'text', name: 'billing_address' },
    taxRegion: { type: 'text', name: 'tax_region' },
    taxExempt: { type: 'integer', name: 'tax_exempt' },
    notes: { type: 'text' },
    overridesJson: { type: 'text', name: 'overrides_json' },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})

export type SubscriptionRow = {
  id: number
  customerId: number
  planId: string
  planVersion: number
  startDate: string
  billingAnchorDay: number
  trialEnd: string | null
  status: SubscriptionStatus
  billedThrough: string | null
}

export const SubscriptionEntity = new EntitySchema<SubscriptionRow>({
  name: 'Subscription',
  tableName: 'subscription',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    customerId: { type: 'integer', name: 'customer_id' },
    planId: { type: 'text', name: 'plan_id' },
    planVersion: { type: 'integer', name: 'plan_version' },
    startDate: { type: 'text', name: 'start_date' },
    billingAnchorDay: { type: 'integer', name: 'billing_anchor_day' },
    trialEnd: { type: 'text', name: 'trial_end', nullable: true },
    status: { type: 'text' },
    billedThrough: { type: 'text', name: 'billed_through', nullable: true },
  },
})
