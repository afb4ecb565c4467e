import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { StripeFailure, invalidRequest, type StripeErrorBody } from './errors'
import type { FaultPlan } from './faults'
import { parseForm } from './form'
import { createIdempotencyStore, type StoredResponse } from './idempotency'
import type { Route } from './resources/route'
import { API_VERSION, type FakeState } from './state'
import type { Fault, RecordedRequest } from './types'

export type ServerOptions = {
  state: FakeState
  routes: Route[]
  faults: FaultPlan
  acceptedKeys: Set<string>
  latencyMs: () => number
}

/** How long a `timeout` fault holds the socket if close() never comes. */
const HOLD_MS = 30_000

const error = (status: number, body: StripeErrorBody): StoredResponse => ({ status, body })

const FAULT_RESPONSES: Record<'server_error' | 'rate_limit' | 'lock_timeout', StoredResponse> = {
  server_error: error(500, {
    error: { type: 'api_error', message: 'An unknown error occurred (fake Stripe server_error).' },
  }),
  rate_limit: error(429, {
    error: {
      type: 'invalid_request_error',
      code: 'rate_limit',
      message: 'Too many requests hit the API too quickly (fake Stripe rate_limit).',
    },
  }),
  lock_timeout: error(429, {
    error: {
      type: 'invalid_request_error',
      code: 'lock_timeout',
      message:
        'This object cannot be accessed right now because another API request or Stripe process is currently accessing it (fake Stripe lock_timeout).',
    },
  }),
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const header = (req: IncomingMessage, name: string): string | null => {
  const value = req.headers[name]
  return typeof value === 'string' ? value : null
}

const isAccepted = (keys: Set<string>, key: string | null): boolean =>
  key !== null &&
  (keys.size > 0 ? keys.has(key) : key.startsWith('sk_test_') || key.startsWith('rk_test_'))

export const createFakeServer = (options: ServerOptions) => {
  const { state, routes, faults, acceptedKeys } = options
  const idempotency = createIdempotencyStore()
  const held = new Set<Socket>()

  const execute = (record: RecordedRequest): StoredResponse => {
    const match = routes
      .filter((r) => r.method === record.method)
      .map((r) => ({ route: r, found: r.pattern.exec(record.path) }))
      .find((m) => m.found !== null)
    try {
      if (match === undefined || match.found === null) {
        throw invalidRequest(`Unrecognized request URL (${record.method}: ${record.path}).`, {
          status: 404,
        })
      }
      const body = match.route.handler({
        state,
        params: record.params,
        ids: match.found.slice(1),
        request: { id: record.id, idempotencyKey: record.idempotencyKey },
      })
      return { status: 200, body }
    } catch (thrown) {
      if (thrown instanceof StripeFailure) return { status: thrown.status, body: thrown.body }
      // A bug in the fake: say so loudly rather than pass as a Stripe outage.
      const message = thrown instanceof Error ? thrown.message : String(thrown)
      return error(500, {
        error: { type: 'api_error', message: `fake Stripe crashed: ${message}` },
      })
    }
  }

  const run = async (record: RecordedRequest): Promise<StoredResponse & { replayed?: boolean }> => {
    const key = record.method === 'POST' ? record.idempotencyKey : null
    if (key === null) {
      await delay(options.latencyMs())
      return execute(record)
    }
    const claim = idempotency.claim(key, record.method, record.path, record.params)
    switch (claim.kind) {
      case 'replay':
        return { ...claim.response, replayed: true }
      case 'in_use':
        return error(409, {
          error: {
            type: 'idempotency_error',
            code: 'idempotency_key_in_use',
            message: `There is currently another in-progress request using this Idempotent Key (${key}). Please try again later.`,
          },
        })
      case 'mismatch':
        return error(400, {
          error: {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          },
        })
      case 'new':
        break
    }
    try {
      await delay(options.latencyMs())
      const response = execute(record)
      claim.finish(response)
      return response
    } catch (thrown) {
      claim.finish(null)
      throw thrown
    }
  }

  const send = (
    res: ServerResponse,
    record: RecordedRequest,
    response: StoredResponse,
    extra: Record<string, string> = {},
  ): void => {
    record.status = response.status
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Request-Id': record.id,
      'Stripe-Version': API_VERSION,
      ...extra,
    }
    if (record.idempotencyKey !== null) headers['Idempotency-Key'] = record.idempotencyKey
    res.writeHead(response.status, headers).end(JSON.stringify(response.body))
  }

  const hold = (socket: Socket): void => {
    held.add(socket)
    const timer = setTimeout(() => socket.destroy(), HOLD_MS)
    timer.unref()
    socket.once('close', () => {
      clearTimeout(timer)
      held.delete(socket)
    })
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    const authorization = header(req, 'authorization')
    const record: RecordedRequest = {
      id: state.nextId('req'),
      method,
      path: url.pathname,
      params: parseForm(method === 'POST' ? body : url.search.slice(1)),
      idempotencyKey: header(req, 'idempotency-key'),
      apiKey: authorization?.replace(/^Bearer\s+/i, '') ?? null,
      status: null,
      replayed: false,
      at: state.clock.now(),
    }
    state.requests.push(record)
    const fault: Fault | undefined = faults.take({ method, path: record.path })
    if (fault !== undefined) record.fault = fault
    switch (fault) {
      case 'server_error':
      case 'lock_timeout':
        return send(res, record, FAULT_RESPONSES[fault])
      case 'rate_limit':
        return send(res, record, FAULT_RESPONSES.rate_limit, { 'Retry-After': '1' })
      case 'drop':
        req.socket.destroy()
        return
      case 'timeout':
      case undefined:
        break
    }
    if (!isAccepted(acceptedKeys, record.apiKey)) {
      return send(
        res,
        record,
        error(401, {
          error: {
            type: 'authentication_error',
            message:
              record.apiKey === null
                ? 'You did not provide an API key.'
                : `Invalid API Key provided: ${record.apiKey.slice(0, 12)}****`,
          },
        }),
      )
    }
    const response = await run(record)
    record.replayed = response.replayed === true
    if (fault === 'timeout') {
      // Executed and stored, never answered: the client's timeout fires, its retry must replay.
      record.status = response.status
      hold(req.socket)
      return
    }
    send(res, record, response, record.replayed ? { 'Idempotent-Replayed': 'true' } : {})
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((thrown: unknown) => {
      const message = thrown instanceof Error ? thrown.message : String(thrown)
      if (!res.headersSent)
        res.writeHead(500).end(JSON.stringify({ error: { type: 'api_error', message } }))
    })
  })

  return {
    server,
    close: (): Promise<void> =>
      new Promise((resolve, reject) => {
        for (const socket of held) socket.destroy()
        server.close((err) => (err === undefined ? resolve() : reject(err)))
        server.closeAllConnections()
      }),
  }
}

const delay = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
