import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { FeatureOverride } from '../../src-shared/domain/catalog'
import type {
  Customer,
  CustomerListQuerySchema,
  CustomerMoney,
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

// Name and external id have an index ending in the row id, so those sorts walk it (migration
// 0023); plan and status sort the subscription's columns, a few thousand rows at most.
const sortColumns: Record<Exclude<CustomerSortField, MoneyField>, string> = {
  name: 'c.name',
  externalId: 'c.external_id',
  plan: 's.plan_id',
  status: 's.status',
}

type MoneyField = 'mrr' | 'balance'
const moneyFields: Record<MoneyField, keyof CustomerMoney> = {
  mrr: 'mrrMinor',
  balance: 'balanceMinor',
}
const isMoneyField = (field: CustomerSortField): field is MoneyField => field in moneyFields

/**
 * Every customer's money figures. They come from invoices, stages after this one, so the
 * handler passes them in; a customer missing from the map has none (zero).
 */
export type CustomerMoneyOf = () => ReadonlyMap<number, CustomerMoney>
const noMoney: CustomerMoney = { mrrMinor: 0, balanceMinor: 0 }

const summaryColumns = [
  'c.id AS id',
  'c.external_id AS externalId',
  'c.name AS name',
  'c.email AS email',
  'c.currency AS currency',
  'c.tax_region AS taxRegion',
  's.plan_id AS planId',
  's.plan_version AS planVersion',
  's.status AS status',
]

type Query = z.output<typeof CustomerListQuerySchema>
type Row = Omit<CustomerSummary, keyof CustomerMoney>

/** The customers the search and filters match, unordered. */
const matching = (db: EntityManager, query: Query) => {
  const q = db
    .createQueryBuilder(CustomerEntity, 'c')
    .leftJoin('Subscription', 's', 's.customer_id = c.id')
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
  return q
}

/**
 * One page by a money figure: every matching customer's id and currency (a few hundred KB at
 * 10,000 customers), ordered here by currency A to Z, then the amount, then the id, both in the
 * direction asked; only the page's rows are then read in full.
 */
const pageByMoney = async (
  db: EntityManager,
  query: Query,
  sort: { field: MoneyField; direction: 'asc' | 'desc' },
  money: ReadonlyMap<number, CustomerMoney>,
): Promise<Row[]> => {
  const keys = await matching(db, query)
    .select(['c.id AS id', 'c.currency AS currency'])
    .getRawMany<{ id: number; currency: string }>()
  const figure = moneyFields[sort.field]
  const amount = (id: number): number => (money.get(id) ?? noMoney)[figure]
  const sign = sort.direction === 'asc' ? 1 : -1
  keys.sort((a, b) =>
    a.currency === b.currency
      ? sign * (amount(a.id) - amount(b.id) || a.id - b.id)
      : a.currency < b.currency
        ? -1
        : 1,
  )
  const ids = keys.slice(query.offset, query.offset + query.limit).map((k) => k.id)
  if (ids.length === 0) return []
  const rows = await matching(db, query)
    .select(summaryColumns)
    .andWhere('c.id IN (:...ids)', { ids })
    .getRawMany<Row>()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** Customers by name, optionally those whose id, name or email contains `search`. */
export const listCustomers = async (
  db: EntityManager,
  query: Query,
  moneyOf: CustomerMoneyOf,
): Promise<{ customers: CustomerSummary[]; total: number }> => {
  const sort = query.sort ?? { field: 'name', direction: 'asc' }
  const total = await matching(db, query).getCount()
  const money = moneyOf()
  const { field } = sort
  const rows = isMoneyField(field)
    ? await pageByMoney(db, query, { field, direction: sort.direction }, money)
    : await matching(db, query)
        .select(summaryColumns)
        .orderBy(sortColumns[field], sort.direction === 'asc' ? 'ASC' : 'DESC')
        .addOrderBy('c.id', sort.direction === 'asc' ? 'ASC' : 'DESC')
        .offset(query.offset)
        .limit(query.limit)
        .getRawMany<Row>()
  return { customers: rows.map((r) => ({ ...r, ...(money.get(r.id) ?? noMoney) })), total }
}
