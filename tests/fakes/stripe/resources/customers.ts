import type Stripe from 'stripe'
import { noSuch } from '../errors'
import { allowOnly, mergeMetadata, optionalString } from '../params'
import type { FakeState } from '../state'
import { route, type Route } from './route'

const FIELDS = ['name', 'email', 'metadata', 'description', 'phone'] as const

export const findCustomer = (state: FakeState, id: string, param?: string): Stripe.Customer => {
  const customer = state.customers.get(id)
  if (customer === undefined) throw noSuch('customer', id, param)
  return customer
}

/** Stripe's 3-12 character prefix of the customer's invoice numbers. */
const invoicePrefix = (id: string): string => `F${id.replace(/\D/g, '').slice(-7).padStart(7, '0')}`

export const customerRoutes: Route[] = [
  route('POST', '/v1/customers', ({ state, params }) => {
    allowOnly(params, FIELDS)
    const id = state.nextId('cus')
    const customer: Stripe.Customer = {
      id,
      object: 'customer',
      address: null,
      balance: 0,
      created: state.clock.now(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: optionalString(params, 'description') ?? null,
      email: optionalString(params, 'email') ?? null,
      invoice_prefix: invoicePrefix(id),
      invoice_settings: {
        custom_fields: null,
        default_payment_method: null,
        footer: null,
        rendering_options: null,
      },
      livemode: false,
      metadata: mergeMetadata({}, params.metadata),
      name: optionalString(params, 'name') ?? null,
      next_invoice_sequence: 1,
      phone: optionalString(params, 'phone') ?? null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    }
    state.customers.set(id, customer)
    return customer
  }),

  route('GET', '/v1/customers/:id', ({ state, ids }) => findCustomer(state, ids[0] ?? '')),

  route('POST', '/v1/customers/:id', ({ state, params, ids, request }) => {
    allowOnly(params, FIELDS)
    const customer = findCustomer(state, ids[0] ?? '')
    const previous: Record<string, unknown> = {}
    const set = <K extends 'name' | 'email' | 'description' | 'phone'>(key: K): void => {
      const value = optionalString(params, key)
      if (value === undefined) return
      const next = value === '' ? null : value
      if (customer[key] !== next) {
        previous[key] = customer[key] ?? null
        customer[key] = next
      }
    }
    set('name')
    set('email')
    set('description')
    set('phone')
    const metadata = mergeMetadata(customer.metadata, params.metadata)
    if (JSON.stringify(metadata) !== JSON.stringify(customer.metadata)) {
      previous.metadata = customer.metadata
      customer.metadata = metadata
    }
    state.emit('customer.updated', customer, request, previous)
    return customer
  }),
]
