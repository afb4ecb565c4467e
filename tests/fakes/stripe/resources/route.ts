import type { FakeState, RequestRef } from '../state'
import type { Params } from '../types'

export type HandlerContext = {
  state: FakeState
  params: Params
  /** The `:id` segments of the path, in order. */
  ids: string[]
  request: NonNullable<RequestRef>
}

/** Returns the 200 body; throws StripeFailure for any error answer. */
export type Handler = (ctx: HandlerContext) => object

export type Route = { method: 'GET' | 'POST'; pattern: RegExp; handler: Handler }

const ID = '([A-Za-z0-9_]+)'

/** `route('POST', '/v1/invoices/:id/pay', handler)` */
export const route = (method: Route['method'], path: string, handler: Handler): Route => ({
  method,
  pattern: new RegExp(`^${path.replaceAll(':id', ID)}$`),
  handler,
})
