import type Stripe from 'stripe'
import type { CardBehaviour, FakeCharge, FakeClock, RecordedRequest } from './types'

/** The API version the installed SDK pins; events carry it as real ones do. */
export const API_VERSION = '2026-10-28.endive'

export type RequestRef = { id: string; idempotencyKey: string | null } | null

export type FakeState = {
  customers: Map<string, Stripe.Customer>
  invoices: Map<string, Stripe.Invoice>
  invoiceItems: Map<string, Stripe.InvoiceItem>
  refunds: Map<string, Stripe.Refund>
  events: Stripe.Event[]
  charges: FakeCharge[]
  requests: RecordedRequest[]
  cardBehaviours: Map<string, CardBehaviour>
  clock: FakeClock
  /** Deterministic ids (`cus_fake000001`), so a failing test prints the same ids every run. */
  nextId(prefix: string): string
  emit(
    type: string,
    object: object,
    request: RequestRef,
    previousAttributes?: Record<string, unknown>,
  ): Stripe.Event
}

export const createClock = (): FakeClock => {
  let fixed: number | null = null
  return {
    now: () => fixed ?? Math.floor(Date.now() / 1000),
    set: (unixSeconds) => {
      fixed = unixSeconds
    },
    advance: (seconds) => {
      fixed = (fixed ?? Math.floor(Date.now() / 1000)) + seconds
    },
    useRealTime: () => {
      fixed = null
    },
  }
}

/** Events hold the object as it was when they happened, not a live reference. */
export const snapshot = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

export const createState = (): FakeState => {
  const counters = new Map<string, number>()
  const state: FakeState = {
    customers: new Map(),
    invoices: new Map(),
    invoiceItems: new Map(),
    refunds: new Map(),
    events: [],
    charges: [],
    requests: [],
    cardBehaviours: new Map(),
    clock: createClock(),
    nextId: (prefix) => {
      const n = (counters.get(prefix) ?? 0) + 1
      counters.set(prefix, n)
      return `${prefix}_fake${String(n).padStart(6, '0')}`
    },
    emit: (type, object, request, previousAttributes) => {
      const event = {
        id: state.nextId('evt'),
        object: 'event',
        api_version: API_VERSION,
        created: state.clock.now(),
        data: {
          object: snapshot(object),
          ...(previousAttributes === undefined ? {} : { previous_attributes: previousAttributes }),
        },
        livemode: false,
        pending_webhooks: 0,
        request:
          request === null ? null : { id: request.id, idempotency_key: request.idempotencyKey },
        type,
      }
      // Stripe.Event is a union keyed by `type`; the fake emits whatever type a test names, so
      // the one cast lives here.
      const typed = event as unknown as Stripe.Event
      state.events.push(typed)
      return typed
    },
  }
  return state
}
