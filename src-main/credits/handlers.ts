import type { Ledger } from '../db/ledger'
import { AppError } from '../errors'
import type { HandlersFor } from '../ipc/handlers-types'
import { readSettingsNow } from '../settings/settings-service'
import { formatMinor } from '../../src-shared/money'
import { endOfDay } from '../calendar/business-days'
import { appendCreditEntry, creditBalance, creditLedgers, expireCredits } from './credit-ledger'
import { customerRef } from './customer-ref'

export const creditsHandlers = (ledger: Ledger): HandlersFor<'credits'> => ({
  'credits:ledger': ({ externalId }) => {
    const customer = customerRef(ledger.db, externalId)
    return Promise.resolve(creditLedgers(ledger.db, customer.id, customer.currency))
  },

  'credits:add': async (input, ctx) => {
    const db = ledger.db
    const customer = customerRef(db, input.externalId)
    const { currency } = customer
    const now = ctx.now()
    // Credit past its expiry is not the customer's to spend or be paid back.
    expireCredits(db, { now, operator: ctx.operator, customerId: customer.id })
    const before = creditBalance(db, customer.id, currency)
    let expiresAt: string | null = null
    if (input.kind === 'grant') {
      if (input.expiresOn !== null) {
        const { businessTimeZone } = readSettingsNow(db)
        const end = endOfDay(input.expiresOn, businessTimeZone)
        if (end.getTime() <= now.getTime())
          throw new AppError('validation_failed', 'The expiry date must be in the future.', {
            expiresOn: 'must be today or later',
          })
        expiresAt = end.toISOString()
      }
    } else {
      if (input.expiresOn !== null)
        throw new AppError('validation_failed', 'Only a grant can have an expiry date.', {
          expiresOn: 'only for grants',
        })
      if (input.amountMinor > before)
        throw new AppError(
          'conflict',
          `Cannot refund ${formatMinor(input.amountMinor, currency)}: the credit balance is only ${formatMinor(before, currency)}.`,
          { amountMinor: `must be at most the balance (${before})` },
        )
    }
    const amountMinor = input.kind === 'grant' ? input.amountMinor : -input.amountMinor
    const id = appendCreditEntry(db, {
      customerId: customer.id,
      currency,
      kind: input.kind,
      amountMinor,
      expiresAt,
      note: input.note,
      at: now.toISOString(),
      operator: ctx.operator,
    })
    await ctx.audit({
      entityType: 'credit',
      entityId: customer.externalId,
      before: { currency, balanceMinor: before },
      after: {
        currency,
        balanceMinor: before + amountMinor,
        entry: { id, kind: input.kind, amountMinor, expiresAt, note: input.note },
      },
    })
    return creditLedgers(db, customer.id, currency)
  },
})
