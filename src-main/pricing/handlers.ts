import type { HandlersFor } from '../ipc/handlers-types'
import { curve, quote } from './index'

// A validation failure must arrive as a rejected promise, not as a throw before the promise.
const settle = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()))

/** Pricing is pure: the handlers ignore the ledger and answer from the definition alone. */
export const pricingHandlers: HandlersFor<'pricing'> = {
  'pricing:quote': (input) => settle(() => quote(input)),
  'pricing:curve': (input) => settle(() => curve(input)),
}
