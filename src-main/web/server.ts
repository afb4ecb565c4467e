import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Dispatcher } from '../ipc/dispatcher'
import type { EventBus } from '../ipc/event-bus'
import { readStatic } from './static-files'

export type WebHostOptions = {
  dispatch: Dispatcher
  events: EventBus
  /** The built renderer (out/renderer). */
  rendererDir: string
  port?: number
  token?: string
}

export type WebHost = { url: string; port: number; token: string; close: () => Promise<void> }

const MAX_BODY_BYTES = 10 * 1024 * 1024

const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-src blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
}

const sameToken = (given: string | undefined, token: string): boolean =>
  given !== undefined &&
  given.length === token.length &&
  timingSafeEqual(Buffer.from(given), Buffer.from(token))

// Cookies ignore the port, so each instance names its own.
const cookieName = (port: number): string => `meterbook_token_${port}`

const cookieToken = (req: IncomingMessage, name: string): string | undefined =>
  req.headers.cookie
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([key]) => key === name)?.[1]

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) reject(new Error('request body too large'))
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

const send = (res: ServerResponse, status: number, type: string, body: string | Buffer): void => {
  res.writeHead(status, { ...securityHeaders, 'content-type': type })
  res.end(body)
}

/**
 * The loopback browser host: the built renderer plus the contract over HTTP, on 127.0.0.1 only.
 * A random token, handed over once in the printed URL and kept in an HttpOnly SameSite cookie,
 * guards every request; the Host header is checked against our own address so a page on another
 * site cannot reach the API through DNS rebinding.
 */
export const startWebHost = async (options: WebHostOptions): Promise<WebHost> => {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let origin = ''
  let cookie = ''
  const streams = new Set<ServerResponse>()

  const unsubscribe = options.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const res of streams) res.write(frame)
  })

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.headers.host !== origin) return send(res, 403, 'text/plain', 'Forbidden host')
    const url = new URL(req.url ?? '/', `http://${origin}`)
    const queryToken = url.searchParams.get('token') ?? undefined

    if (!sameToken(cookieToken(req, cookie), token)) {
      if (req.method === 'GET' && url.pathname === '/' && sameToken(queryToken, token)) {
        // Trade the token in the address for a cookie, and drop it from the address bar.
        res.writeHead(303, {
          ...securityHeaders,
          'set-cookie': `${cookie}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          location: '/',
        })
        return void res.end()
      }
      return send(
        res,
        401,
        'text/plain; charset=utf-8',
        'Not authorised: open the address printed by `meterbook serve`, which carries the access token.',
      )
    }

    if (url.pathname.startsWith('/api/invoke/') && req.method === 'POST') {
      const channel = decodeURIComponent(url.pathname.slice('/api/invoke/'.length))
      let input: unknown
      try {
        const body = await readBody(req)
        input = body === '' ? {} : JSON.parse(body)
      } catch (error) {
        const message = `The request body is not valid JSON: ${(error as Error).message}`
        return send(
          res,
          400,
          'application/json',
          JSON.stringify({ ok: false, error: { code: 'validation_failed', message } }),
        )
      }
      const result = await options.dispatch(channel, input)
      return send(res, 200, 'application/json', JSON.stringify(result))
    }

    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        ...securityHeaders,
        'content-type': 'text/event-stream',
        connection: 'keep-alive',
      })
      res.write(': connected\n\n')
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }

    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'Method not allowed')
    const file =
      (await readStatic(options.rendererDir, url.pathname)) ??
      // Unknown paths fall back to the app, whose router decides what to show.
      (url.pathname.includes('.') ? undefined : await readStatic(options.rendererDir, '/'))
    if (!file) return send(res, 404, 'text/plain', 'Not found')
    return send(res, 200, file.type, file.body)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('web host request failed', error)
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
  cookie = cookieName(port)

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
