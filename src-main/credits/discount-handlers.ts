import Big from 'big.js'
import type { Ledger } from '../db/ledger'
import { AppError } from '../errors'
import type { HandlersFor } from '../ipc/handlers-types'
import { customerRef } from './customer-ref'
import { endDiscount, insertDiscount, listDiscounts } from './discounts'

export const discountsHandlers = (ledger: Ledger): HandlersFor<'discounts'> => ({
  'discounts:list': ({ externalId }) =>
    Promise.resolve(listDiscounts(ledger.db, customerRef(ledger.db, externalId).id)),

  'discounts:create': async (input, ctx) => {
    const db = ledger.db
    const customer = customerRef(db, input.externalId)
    const value = new Big(input.value)
    if (value.lte(0))
      throw new AppError('validation_failed', 'A discount must be worth more than zero.', {
        value: 'must be more than zero',
      })
    if (input.kind === 'fixed' && !value.round(0).eq(value))
      throw new AppError(
        'validation_failed',
        'A fixed discount is a whole number of minor units (cents), e.g. 1500 for 15.00.',
        { value: 'must be a whole number of minor units' },
      )
    // Normalized ("10.50" → "10.5"), so the stored value reads the same however it was typed.
    const stored = value.toFixed()
    const periods = input.duration === 'repeating' ? input.periods : null
    const id = insertDiscount(db, {
      customerId: customer.id,
      description: input.description,
      kind: input.kind,
      value: stored,
      duration: input.duration,
      periods,
      startsWith: input.startsWith,
      createdAt: ctx.now().toISOString(),
    })
    const discounts = listDiscounts(db, customer.id)
    await ctx.audit({
      entityType: 'discount',
      entityId: customer.externalId,
      before: null,
      after: discounts.find((d) => d.id === id) ?? null,
    })
    return discounts
  },

  'discounts:deactivate': async ({ id }, ctx) => {
    const db = ledger.db
    const row = db
      .prepare<[number], { customerId: number; externalId: string; active: number }>(
        `SELECT d.customer_id AS customerId, c.external_id AS externalId, d.active
         FROM discount d JOIN customer c ON c.id = d.customer_id WHERE d.id = ?`,
      )
      .get(id)
    if (!row) throw new AppError('not_found', `There is no discount ${id}.`)
    if (row.active === 0) throw new AppError('conflict', `Discount ${id} is already inactive.`)
    const before = listDiscounts(db, row.customerId).find((d) => d.id === id) ?? null
    endDiscount(db, id)
    const discounts = listDiscounts(db, row.customerId)
    await ctx.audit({
      entityType: 'discount',
      entityId: row.externalId,
      before,
      after: discounts.find((d) => d.id === id) ?? null,
    })
    return discounts
  },
})
