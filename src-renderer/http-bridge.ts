import type { Bridge, Channel, EventName, Events, In, Out } from '../src-shared/ipc/contract'
import type { Result } from '../src-shared/ipc/result'
import { sessionToken } from './session-token'

/**
 * The contract over the loopback browser host (`meterbook serve`): POST /api/invoke/<channel>
 * answers with the same result envelope Electron's IPC carries, and server-sent events on
 * /api/events stand in for `on`. The per-launch token the page was opened with travels in a
 * header (and in the event stream's address, which EventSource cannot give headers).
 */
export const createHttpBridge = (base = '', token = sessionToken() ?? ''): Bridge => {
  let source: EventSource | undefined

  const ensureSource = (): EventSource => {
    if (source) return source
    source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`)
    return source
  }

  return {
    async invoke<C extends Channel>(channel: C, input: In<C>): Promise<Result<Out<C>>> {
      const response = await fetch(`${base}/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-meterbook-token': token },
        body: JSON.stringify(input),
      })
      if (response.status === 401) {
        return {
          ok: false,
          error: {
            code: 'internal',
            message:
              'This page is not authorised: open the address printed by `meterbook serve` (it carries the access token).',
          },
        }
      }
      return (await response.json()) as Result<Out<C>>
    },

    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      const es = ensureSource()
      const handler = (message: MessageEvent<string>): void => {
        listener(JSON.parse(message.data) as Events[E])
      }
      es.addEventListener(event, handler)
      return () => es.removeEventListener(event, handler)
    },
  }
}
