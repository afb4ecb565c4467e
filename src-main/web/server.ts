import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Dispatcher } from '../ipc/dispatcher'
import type { EventBus } from '../ipc/event-bus'
import { createSession } from '../operators/identity'
import { logError } from '../logging/safe-log'
import { baseHeaders, contentSecurityPolicy, pageWithNonce } from './page-policy'
import { readStatic } from './static-files'

export type WebHostOptions = {
  dispatch: Dispatcher
  events: EventBus
  /** Starts announcing other processes' writes while an event stream is open (`App.watchLedger`). */
  watchLedger?: () => () => void
  /** The built renderer (out/renderer). */
  rendererDir: string
  port?: number
  token?: string
}

export type WebHost = { url: string; port: number; token: string; close: () => Promise<void> }

const MAX_BODY_BYTES = 10 * 1024 * 1024

const securityHeaders = { ...baseHeaders, 'content-security-policy': contentSecurityPolicy('none') }

/** The renderer's page with a fresh nonce in its `csp-nonce` meta and in its policy. */
const sendPage = (res: ServerResponse, file: Buffer): void => {
  const { html, policy } = pageWithNonce(file.toString('utf8'))
  res.writeHead(200, {
    ...baseHeaders,
    'content-security-policy': policy,
    'content-type': 'text/html; charset=utf-8',
  })
  res.end(html)
}

const sameToken = (given: string | undefined | null, token: string): boolean =>
  typeof given === 'string' &&
  given.length === token.length &&
  timingSafeEqual(Buffer.from(given), Buffer.from(token))

/** The header the page sends its session token in; a custom header also forces a CORS preflight. */
export const TOKEN_HEADER = 'x-meterbook-token'

class BodyTooLarge extends Error {}

/** Reads a JSON body, refusing it as soon as it passes the limit rather than reading it whole. */
const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > MAX_BODY_BYTES) return reject(new BodyTooLarge())
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk)
      req.pause()
      reject(new BodyTooLarge())
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

const send = (res: ServerResponse, status: number, type: string, body: string | Buffer): void => {
  res.writeHead(status, { ...securityHeaders, 'content-type': type })
  res.end(body)
}

const refuse = (res: ServerResponse, status: number, code: string, message: string): void =>
  send(res, status, 'application/json', JSON.stringify({ ok: false, error: { code, message } }))

const NOT_AUTHORISED =
  'Not authorised: open the address printed by `meterbook serve`, which carries the access token.'

/**
 * Whether an API request comes from Meterbook's own page. Cookies would not do: browsers send
 * them to every port of 127.0.0.1, and SameSite counts all those ports as one site. So the page
 * holds the token itself (sessionStorage, per origin) and sends it in a header, which no other
 * page can set on a request to us without a CORS preflight this host never grants; and a browser's
 * `Origin` and `Sec-Fetch-Site` must name this very origin.
 */
const fromOwnPage = (
  req: IncomingMessage,
  origin: string,
  given: string | null | undefined,
  token: string,
): string | null => {
  const sentOrigin = req.headers.origin
  if (sentOrigin !== undefined && sentOrigin !== `http://${origin}`)
    return `requests from ${sentOrigin} are refused`
  const site = req.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin') return `${site} requests are refused`
  return sameToken(given, token) ? null : NOT_AUTHORISED
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

const pathOf = (url: URL): string | null => {
  try {
    return decodeURIComponent(url.pathname)
  } catch {
    return null
  }
}

/**
 * The loopback browser host: the built renderer plus the contract over HTTP, on 127.0.0.1 only.
 * The renderer's files are public code and served to any page of this origin; the contract and
 * its events answer only Meterbook's own page: the random token, handed over once in the printed
 * URL, which the page keeps and sends in a header (see `fromOwnPage`). The Host header is checked
 * against our own address so a page on another site cannot reach us through DNS rebinding.
 */
export const startWebHost = async (options: WebHostOptions): Promise<WebHost> => {
  const token = options.token ?? randomBytes(24).toString('base64url')
  // The sign-in session tied to this host's token: only a request carrying the token reaches it.
  const session = createSession()
  let origin = ''
  const streams = new Set<ServerResponse>()

  const unsubscribe = options.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const res of streams) res.write(frame)
  })

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.headers.host !== origin) return send(res, 403, 'text/plain', 'Forbidden host')
    const url = new URL(req.url ?? '/', `http://${origin}`)
    const path = pathOf(url)
    if (path === null) return send(res, 400, 'text/plain', 'Malformed percent-encoding in the path')

    if (path.startsWith('/api/')) {
      // No CORS preflight is ever granted: a cross-origin page cannot send our header or JSON.
      if (req.method === 'OPTIONS') return send(res, 405, 'text/plain', 'Method not allowed')
      const given =
        path === '/api/events' ? url.searchParams.get('token') : header(req, TOKEN_HEADER)
      const refusal = fromOwnPage(req, origin, given, token)
      if (refusal) return refuse(res, refusal === NOT_AUTHORISED ? 401 : 403, 'forbidden', refusal)
    }

    if (path.startsWith('/api/invoke/') && req.method === 'POST') {
      if (!/^application\/json\b/i.test(header(req, 'content-type') ?? '')) {
        return refuse(res, 415, 'validation_failed', 'The request body must be application/json.')
      }
      const channel = path.slice('/api/invoke/'.length)
      let input: unknown
      try {
        const body = await readBody(req)
        input = body === '' ? {} : JSON.parse(body)
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          res.setHeader('connection', 'close')
          refuse(
            res,
            413,
            'validation_failed',
            `The request body is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MB.`,
          )
          return void req.destroy()
        }
        const message = `The request body is not valid JSON: ${(error as Error).message}`
        return refuse(res, 400, 'validation_failed', message)
      }
      const result = await options.dispatch(channel, input, session)
      return send(res, 200, 'application/json', JSON.stringify(result))
    }

    if (path === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        ...securityHeaders,
        'content-type': 'text/event-stream',
        connection: 'keep-alive',
      })
      res.write(': connected\n\n')
      streams.add(res)
      const release = options.watchLedger?.()
      req.on('close', () => {
        streams.delete(res)
        release?.()
      })
      return
    }

    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'Method not allowed')
    if (path.startsWith('/api/')) return send(res, 404, 'text/plain', 'Not found')
    const file =
      (await readStatic(options.rendererDir, path)) ??
      // Unknown paths fall back to the app, whose router decides what to show.
      (path.includes('.') ? undefined : await readStatic(options.rendererDir, '/'))
    if (!file) return send(res, 404, 'text/plain', 'Not found')
    if (file.type.startsWith('text/html')) return sendPage(res, file.body)
    return send(res, 200, file.type, file.body)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logError('web host request failed', error)
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error')
      else res.end()
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  origin = `127.0.0.1:${port}`

  return {
    url: `http://${origin}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe()
      for (const res of streams) res.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
