import type { Bridge, Channel, EventName, Events, In, Out } from '../src-shared/ipc/contract'
import type { ContractError } from '../src-shared/ipc/result'
import { createHttpBridge } from './http-bridge'

declare global {
  // Augmenting a global needs declaration merging, which only an interface provides.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    /** Present when the renderer runs inside the Electron host (exposed by the preload). */
    meterbook?: Bridge
  }
}

/** A contract failure, thrown by `call` so TanStack Query sees it as an error. */
export class ApiError extends Error {
  readonly code: ContractError['code']
  readonly fields: Record<string, string> | undefined

  constructor(error: ContractError) {
    super(error.message)
    this.name = 'ApiError'
    this.code = error.code
    this.fields = error.fields
  }
}

const bridge: Bridge = window.meterbook ?? createHttpBridge()

/** Calls one channel of the contract and unwraps the result envelope. */
export const call = async <C extends Channel>(channel: C, input: In<C>): Promise<Out<C>> => {
  const result = await bridge.invoke(channel, input)
  if (!result.ok) throw new ApiError(result.error)
  return result.value
}

export const on = <E extends EventName>(
  event: E,
  listener: (payload: Events[E]) => void,
): (() => void) => bridge.on(event, listener)
