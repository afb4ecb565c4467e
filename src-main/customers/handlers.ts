import { findPlan, listPlans } from '../catalog/plans'
import type { Plan } from '../../src-shared/domain/catalog'
import type { Ledger } from '../db/ledger'
import type { HandlersFor } from '../ipc/handlers-types'
import { saveCustomer } from './customer-editing'
import { getCustomer, listCustomers } from './customers'
import { importCustomers } from './customers-import'
import { customerMeters } from '../usage/meters'
import { upcomingInvoice } from '../billing/upcoming'
import { customerFigures } from '../dashboard/customer-figures'
import { customerReceivables } from '../dashboard/customer-receivables'

export const customersHandlers = (ledger: Ledger): HandlersFor<'customers'> => ({
  'customers:list': (query, { db }) => listCustomers(db, query, () => customerFigures(ledger.db)),
  'customers:get': ({ externalId }, { db }) => getCustomer(db, externalId),
  'customers:meters': ({ externalId, at }, { db, now }) =>
    customerMeters(db, externalId, at ? new Date(at) : now()),
  'customers:upcoming-invoice': ({ externalId }, { now }) =>
    Promise.resolve(upcomingInvoice(ledger.db, externalId, now())),
  'customers:receivables': ({ externalId }, { now }) =>
    Promise.resolve(customerReceivables(ledger.db, externalId, now())),
  'customers:save': async (input, { db, now, audit }) => {
    const { before, after } = await saveCustomer(db, input, now())
    await audit({ entityType: 'customer', entityId: after.externalId, before, after })
    return after
  },
  // A bulk channel: the import writes batch by batch on the raw connection, auditing each change.
  'customers:import': async (input, { db, now, operator, emit }) => {
    const plans = new Map<string, Plan>()
    for (const { id } of await listPlans(db)) {
      const plan = await findPlan(db, id)
      if (plan) plans.set(id, plan)
    }
    const { result, auditId } = importCustomers(
      { db: ledger.db, plans, now: now(), operator },
      input,
    )
    // One announcement for the import, not one per customer: a window refreshes once.
    emit('audit:appended', { id: auditId, action: 'customers:import' })
    return result
  },
})
