import { z } from 'zod'
import { sortSchema } from './list-sort'
import { IdText } from './text-bounds'

/** Money received (a paid invoice) or going back (a credit note settled as a refund). */
export const movementKinds = ['payment', 'refund'] as const
export type MovementKind = (typeof movementKinds)[number]

export const paymentSortFields = ['date', 'amount', 'customer', 'invoice'] as const
export type PaymentSortField = (typeof paymentSortFields)[number]

export const PaymentListQuerySchema = z.strictObject({
  kind: z.enum(movementKinds).optional(),
  method: z.enum(['stripe', 'outside']).optional(),
  /** A customer's external id. */
  customer: IdText.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code, e.g. USD')
    .optional(),
  /** Omitted: newest first. */
  sort: sortSchema(paymentSortFields).optional(),
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
})
export type PaymentListQuery = z.input<typeof PaymentListQuerySchema>

export type PaymentMovement = {
  /** `p<invoice id>` for a payment, `r<credit note id>` for a refund. */
  key: string
  kind: MovementKind
  /** When it was paid, or when the refund was issued (ISO 8601 UTC). */
  at: string
  customerId: string
  customerName: string
  invoiceId: number
  invoiceNumber: string | null
  /** The refund's credit note. */
  creditNoteNumber: string | null
  currency: string
  /** Minor units; a refund is negative, so a currency's rows add up to what was kept. */
  amountMinor: number
  method: 'stripe' | 'outside'
  /** The payment intent (else Stripe's invoice), or the Stripe refund, once Stripe has one. */
  stripeId: string | null
  /** `paid`; a refund's outbox state (pending, sending, sent, failed, canceled) or paid_outside. */
  status: string
}

export type PaymentListPage = {
  movements: PaymentMovement[]
  total: number
  /** Per currency, the exact sum of every matching row's amount (not only this page's). */
  totals: Record<string, number>
}
