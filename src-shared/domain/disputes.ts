import { z } from 'zod'
import { PositiveMinorSchema } from '../money-bounds'
import { creditNoteSettlements } from './billing'
import { sortSchema } from './list-sort'
import { IdText, textBounds } from './text-bounds'

/** open → under_review → resolved; a resolved dispute is accepted (credited) or rejected. */
export const disputeStatuses = ['open', 'under_review', 'resolved'] as const
export type DisputeStatus = (typeof disputeStatuses)[number]
export const disputeResolutions = ['accepted', 'rejected'] as const
export type DisputeResolution = (typeof disputeResolutions)[number]
/** Flagged by a person, or brought in by Stripe's event sync. */
export const disputeSources = ['manual', 'stripe'] as const
export type DisputeSource = (typeof disputeSources)[number]
export const disputeSteps = ['opened', 'review', 'resolved', 'updated'] as const
export type DisputeStepKind = (typeof disputeSteps)[number]

export const disputeSortFields = [
  'opened',
  'deadline',
  'amount',
  'customer',
  'invoice',
  'status',
] as const
export type DisputeSortField = (typeof disputeSortFields)[number]

const note = z
  .string()
  .trim()
  .max(textBounds.note, `must be at most ${textBounds.note.toLocaleString('en')} characters`)
const requiredNote = note.min(1, 'must say what was done')

export const DisputeListQuerySchema = z.strictObject({
  status: z.enum(disputeStatuses).optional(),
  /** A customer's external id. */
  customer: IdText.optional(),
  source: z.enum(disputeSources).optional(),
  /** One invoice's disputes (its page's chips). */
  invoiceId: z.int().min(1).optional(),
  /** Omitted: newest first. */
  sort: sortSchema(disputeSortFields).optional(),
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
})
export type DisputeListQuery = z.input<typeof DisputeListQuerySchema>

export const DisputeOpenInputSchema = z.strictObject({
  invoiceId: z.int('must be an invoice id').min(1, 'must be an invoice id'),
  /** One line of the invoice; omitted, the whole invoice is disputed. */
  lineId: z.int().min(1).optional(),
  reason: z
    .string()
    .trim()
    .min(1, 'must say what the customer disputes')
    .max(textBounds.description, `must be at most ${textBounds.description} characters`),
  /** The customer's contact for this dispute: a name, an email, free text. */
  contact: z.string().trim().max(300, 'must be at most 300 characters').optional(),
  /** Minor units before tax; omitted, the invoice's (or the line's) whole amount. */
  amountMinor: PositiveMinorSchema.optional(),
  /** When the dispute must be answered by. */
  deadline: z.iso.date('must be a date as YYYY-MM-DD').optional(),
  note: note.optional(),
})
export type DisputeOpenInput = z.input<typeof DisputeOpenInputSchema>

export const DisputeReviewInputSchema = z.strictObject({
  id: z.int().min(1),
  note: requiredNote,
})
export type DisputeReviewInput = z.input<typeof DisputeReviewInputSchema>

export const DisputeResolveInputSchema = z
  .strictObject({
    id: z.int().min(1),
    resolution: z.enum(disputeResolutions, 'must be accepted or rejected'),
    note: note.optional(),
    /** Where an accepted dispute's credit note puts the money; the customer's balance by default. */
    settlement: z.enum(creditNoteSettlements).optional(),
  })
  .refine((r) => r.resolution !== 'rejected' || (r.note ?? '').length > 0, {
    message: 'must say why the dispute is rejected',
    path: ['note'],
  })
export type DisputeResolveInput = z.input<typeof DisputeResolveInputSchema>

export type DisputeStep = {
  at: string
  operator: string
  step: DisputeStepKind
  /** The dispute's status after this step. */
  status: DisputeStatus
  note: string
}

export type Dispute = {
  id: number
  invoiceId: number
  invoiceNumber: string | null
  customerId: string
  customerName: string
  lineId: number | null
  lineDescription: string | null
  source: DisputeSource
  stripeDisputeId: string | null
  reason: string
  contact: string
  currency: string
  amountMinor: number
  deadline: string | null
  /** Still open or under review after its deadline (in the business time zone). */
  overdue: boolean
  status: DisputeStatus
  resolution: DisputeResolution | null
  creditNoteId: number | null
  creditNoteNumber: string | null
  openedAt: string
  openedBy: string
  updatedAt: string
  resolvedAt: string | null
}

export type DisputeDetail = Dispute & { history: DisputeStep[] }

export type DisputePage = { disputes: Dispute[]; total: number }
