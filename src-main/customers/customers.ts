import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { FeatureOverride } from '../../src-shared/domain/catalog'
import type {
  Customer,
  CustomerListQuerySchema,
  CustomerSortField,
  CustomerSummary,
} from '../../src-shared/domain/customers'
import {
  CustomerEntity,
  SubscriptionEntity,
  type CustomerRow,
  type SubscriptionRow,
} from '../db/entities/customer'
import { AppError } from '../errors'

export const toCustomer = (row: CustomerRow, subscription: SubscriptionRow | null): Customer => ({
  id: row.id,
  externalId: row.externalId,
  name: row.name,
  email: row.email,
  billingEmail: row.billingEmail,
  currency: row.currency,
  billingAddress: row.billingAddress,
  taxRegion: row.taxRegion,
  taxExempt: row.taxExempt === 1,
  notes: row.notes,
  overrides: JSON.parse(row.overridesJson) as FeatureOverride[],
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  subscription: subscription
    ? {
        id: subscription.id,
        planId: subscription.planId,
        planVersion: subscription.planVersion,
        startDate: subscription.startDate,
        billingAnchorDay: subscription.billingAnchorDay,
        trialEnd: subscription.trialEnd,
        status: subscription.status,
        billedThrough: subscription.billedThrough,
      }
    : null,
})

export const findCustomer = async (
  db: EntityManager,
  externalId: string,
): Promise<Customer | undefined> => {
  const row = await db.findOneBy(CustomerEntity, { externalId })
  if (!row) return undefined
  const subscription = await db.findOneBy(SubscriptionEntity, { customerId: row.id })
  return toCustomer(row, subscription)
}

export const getCustomer = async (db: EntityManager, externalId: string): Promise<Customer> => {
  const customer = await findCustomer(db, externalId)
  if (!customer) throw new AppError('not_found', `There is no customer "${externalId}".`)
  return customer
}

/** Customers by name, optionally those whose id, name or email contains `search`. */
// Name and external id have an index ending in the row id, so those sorts walk it (migration
// 0023); plan and status sort the subscription's columns, a few thousand rows at most.
const sortColumns: Record<CustomerSortField, string> = {
  name: 'c.name',
  externalId: 'c.external_id',
  plan: 's.plan_id',
  status: 's.status',
}

export const listCustomers = async (
  db: EntityManager,
  query: z.output<typeof CustomerListQuerySchema>,
): Promise<{ customers: CustomerSummary[]; total: number }> => {
  const q = db
    .createQueryBuilder(CustomerEntity, 'c')
    .leftJoin('Subscription', 's', 's.customer_id = c.id')
    .select([
      'c.id AS id',
      'c.external_id AS externalId',
      'c.name AS name',
      'c.email AS email',
      'c.currency AS currency',
      'c.tax_region AS taxRegion',
      's.plan_id AS planId',
      's.plan_version AS planVersion',
      's.status AS status',
    ])
    .where('1 = 1')
  const search = query.search?.trim()
  if (search) {
    q.andWhere(
      "(c.external_id LIKE :s ESCAPE '\\' OR c.name LIKE :s ESCAPE '\\' OR c.email LIKE :s ESCAPE '\\')",
      {
        s: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      },
    )
  }
  if (query.plan) q.andWhere('s.plan_id = :plan', { plan: query.plan })
  if (query.status) q.andWhere('s.status = :status', { status: query.status })
  const sort = query.sort ?? { field: 'name', direction: 'asc' }
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC'
  const total = await q.getCount()
  const customers = await q
    .orderBy(sortColumns[sort.field], direction)
    .addOrderBy('c.id', direction)
    .offset(query.offset)
    .limit(query.limit)
    .getRawMany<CustomerSummary>()
  return { customers, total }
}
