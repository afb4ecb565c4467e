import type { HandlersFor } from '../ipc/handlers-types'
import { saveCustomer } from './customer-editing'
import { getCustomer, listCustomers } from './customers'
import { importCustomers } from './customers-import'
import { customerMeters } from './meters'

export const customersHandlers: HandlersFor<'customers'> = {
  'customers:list': (query, { db }) => listCustomers(db, query),
  'customers:get': ({ externalId }, { db }) => getCustomer(db, externalId),
  'customers:meters': ({ externalId, at }, { db, now }) =>
    customerMeters(db, externalId, at ? new Date(at) : now()),
  'customers:save': async (input, { db, now, audit }) => {
    const { before, after } = await saveCustomer(db, input, now())
    await audit({ entityType: 'customer', entityId: after.externalId, before, after })
    return after
  },
  'customers:import': (input, { db, now, audit }) =>
    importCustomers(db, input, { now: now(), audit }),
}
