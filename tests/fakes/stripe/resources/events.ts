import type Stripe from 'stripe'
import { noSuch } from '../errors'
import { allowOnly, optionalString } from '../params'
import { listPage } from './list'
import { route, type Route } from './route'

export const eventRoutes: Route[] = [
  route('GET', '/v1/events', ({ state, params }) => {
    allowOnly(params, ['limit', 'starting_after', 'ending_before', 'created', 'type', 'types'])
    const type = optionalString(params, 'type')
    const types = params.types
    const wanted = Array.isArray(types) ? types.filter((t) => typeof t === 'string') : undefined
    return listPage(state.events, params, '/v1/events', 'event', (event) =>
      type !== undefined
        ? event.type === type
        : wanted === undefined || wanted.includes(event.type),
    )
  }),

  route('GET', '/v1/events/:id', ({ state, ids }) => {
    const event = state.events.find((e) => e.id === ids[0])
    if (event === undefined) throw noSuch('event', ids[0] ?? '')
    return event
  }),

  route('GET', '/v1/balance', ({ state }): Stripe.Balance => {
    const byCurrency = new Map<string, number>()
    for (const charge of state.charges) {
      const net = charge.amount - charge.amountRefunded
      byCurrency.set(charge.currency, (byCurrency.get(charge.currency) ?? 0) + net)
    }
    if (byCurrency.size === 0) byCurrency.set('usd', 0)
    return {
      object: 'balance',
      available: [...byCurrency].map(([currency, amount]) => ({
        amount,
        currency,
        source_types: { card: amount },
      })),
      livemode: false,
      pending: [...byCurrency.keys()].map((currency) => ({
        amount: 0,
        currency,
        source_types: { card: 0 },
      })),
    }
  }),
]
