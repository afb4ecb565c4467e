import { EntitySchema } from 'typeorm'

export type PlanRow = { id: string; name: string; createdAt: string }

export const PlanEntity = new EntitySchema<PlanRow>({
  name: 'Plan',
  tableName: 'plan',
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    createdAt: { type: 'text', name: 'created_at' },
  },
})

export type PlanVersionRow = {
  planId: string
  version: number
  status: 'draft' | 'published'
  effectiveFrom: string | null
  currency: string
  basePriceMinor: number
  termsJson: string
  createdAt: string
  publishedAt: string | null
  publishedBy: string | null
}

export const PlanVersionEntity = new EntitySchema<PlanVersionRow>({
  name: 'PlanVersion',
  tableName: 'plan_version',
  columns: {
    planId: { type: 'text', primary: true, name: 'plan_id' },
    version: { type: 'integer', primary: true },
    status: { type: 'text' },
    effectiveFrom: { type: 'text', name: 'effective_from', nullable: true },
    currency: { type: 'text' },
    basePriceMinor: { type: 'integer', name: 'base_price_minor' },
    termsJson: { type: 'text', name: 'terms_json' },
    createdAt: { type: 'text', name: 'created_at' },
    publishedAt: { type: 'text', name: 'published_at', nullable: true },
    publishedBy: { type: 'text', name: 'published_by', nullable: true },
  },
})
