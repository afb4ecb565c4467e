import type { EntityManager } from 'typeorm'
import type { FeatureOverride } from '../../src-shared/domain/catalog'
import type { Customer, CustomerSummary } from '../../src-shared/domain/customers'
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
export const listCustomers = async (
  db: EntityManager,
  query: { search?: string | undefined; limit: number; offset: number },
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
  const search = query.search?.trim()
  if (search) {
    q.where(
      "(c.external_id LIKE :s ESCAPE '\\' OR c.name LIKE :s ESCAPE '\\' OR c.email LIKE :s ESCAPE '\\')",
      {
        s: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      },
    )
  }
  const total = await q.getCount()
  const customers = await q
    .orderBy('c.name', 'ASC')
    .addOrderBy('c.id', 'ASC')
    .offset(query.offset)
    .limit(query.limit)
    .getRawMany<CustomerSummary>()
  return { customers, total }
}
