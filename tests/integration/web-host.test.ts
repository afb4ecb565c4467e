import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../src-main/web/server'
import { testApp } from '../support/test-app'

type Running = { host: WebHost; app: Awaited<ReturnType<typeof testApp>> }
const running: Running[] = []

afterEach(async () => {
  for (const { host, app } of running.splice(0)) {
    await host.close()
    await app.close()
  }
})

const start = async (): Promise<Running> => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'mb-renderer-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Meterbook</title>')
  mkdirSync(join(rendererDir, 'assets'))
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(rendererDir, '..', 'secret.txt'), 'do not serve')
  const app = await testApp()
  const host = await startWebHost({
    dispatch: app.dispatch,
    events: app.events,
    rendererDir,
    port: 0,
  })
  const run = { host, app }
  running.push(run)
  return run
}

const origin = (host: WebHost): string => `http://127.0.0.1:${host.port}`

const invoke = (
  run: Running,
  channel: string,
  body: unknown,
  headers: Record<string, string> = { 'x-meterbook-token': run.host.token },
) =>
  fetch(`${origin(run.host)}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

describe('the loopback browser host', () => {
  it('listens on 127.0.0.1 and prints an address carrying a random token', async () => {
    const { host } = await start()
    const other = await start()
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/)
    expect(host.token).not.toBe(other.host.token)
  })

  it('sets no cookie: browsers would send it to every port of 127.0.0.1', async () => {
    const { host } = await start()
    const response = await fetch(host.url, { redirect: 'manual' })
    expect(response.status).toBe(200)
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it('answers the contract only with the token in its header, never from a cookie', async () => {
    const run = await start()
    const token = run.host.token
    expect((await invoke(run, 'settings:get', {}, {})).status).toBe(401)
    expect((await invoke(run, 'settings:get', {}, { 'x-meterbook-token': 'guess' })).status).toBe(
      401,
    )
    const cookie = { cookie: `meterbook_token_${run.host.port}=${token}` }
    expect((await invoke(run, 'settings:get', {}, cookie)).status).toBe(401)
    const events = await fetch(`${origin(run.host)}/api/events`, { headers: cookie })
    expect(events.status).toBe(401)
    expect((await invoke(run, 'settings:get', {})).status).toBe(200)
  })

  it("refuses another page's requests: a foreign Origin, a cross-site fetch, a body that is not JSON", async () => {
    const run = await start()
    const token = { 'x-meterbook-token': run.host.token }
    const write = { companyName: 'Changed by a stranger' }
    for (const headers of [
      { ...token, origin: 'http://127.0.0.1:46713' },
      { ...token, origin: 'null' },
      { ...token, 'sec-fetch-site': 'same-site' },
      { ...token, 'sec-fetch-site': 'cross-site' },
    ]) {
      const response = await invoke(run, 'settings:update', write, headers)
      expect(response.status, JSON.stringify(headers)).toBe(403)
    }
    const plain = await fetch(`${origin(run.host)}/api/invoke/settings:update`, {
      method: 'POST',
      headers: { ...token, 'content-type': 'text/plain' },
      body: JSON.stringify(write),
    })
    expect(plain.status).toBe(415)
    const preflight = await fetch(`${origin(run.host)}/api/invoke/settings:update`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:46713', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(405)
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    const own = { ...token, origin: origin(run.host), 'sec-fetch-site': 'same-origin' }
    expect((await invoke(run, 'settings:get', {}, own)).status).toBe(200)
    const settings = (await (await invoke(run, 'settings:get', {})).json()) as {
      value: { companyName: string }
    }
    expect(settings.value.companyName).not.toBe(write.companyName)
    expect(await (await invoke(run, 'audit:list', {})).json()).toMatchObject({
      value: { total: 0 },
    })
  })

  it('refuses a body past the size limit from its declared length, and a malformed path with 400', async () => {
    const run = await start()
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: run.host.port,
          method: 'POST',
          path: '/api/invoke/settings:update',
          headers: {
            'content-type': 'application/json',
            'content-length': String(200 * 1024 * 1024),
            'x-meterbook-token': run.host.token,
          },
        },
        (res) => resolve(res.statusCode),
      )
      req.on('error', reject)
      // Only the first bytes are ever sent: the answer must not wait for the rest.
      req.write('{"companyName":"')
    })
    expect(status).toBe(413)
    expect((await fetch(`${origin(run.host)}/%E0%A4%A`)).status).toBe(400)
    expect((await invoke(run, '%E0%A4%A', {})).status).toBe(400)
  })

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const run = await start()
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: run.host.port,
          path: '/',
          headers: { host: 'evil.example' },
        },
        (res) => resolve(res.statusCode),
      )
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(403)
  })

  it('carries the contract: results, validation errors and writes', async () => {
    const run = await start()
    const bad = await invoke(run, 'settings:update', { defaultCurrency: 'XYZ' })
    expect(await bad.json()).toMatchObject({
      ok: false,
      error: {
        code: 'validation_failed',
        fields: { defaultCurrency: expect.any(String) as unknown },
      },
    })
    const good = await invoke(run, 'settings:update', { defaultCurrency: 'EUR' })
    expect(await good.json()).toMatchObject({ ok: true, value: { defaultCurrency: 'EUR' } })
    expect(await (await invoke(run, 'audit:list', {})).json()).toMatchObject({
      ok: true,
      value: { total: 1 },
    })
    expect(await (await invoke(run, 'nope:nothing', {})).json()).toMatchObject({
      error: { code: 'unknown_channel' },
    })
  })

  it('answers a body that is not JSON with a clear error', async () => {
    const run = await start()
    const response = await fetch(`${origin(run.host)}/api/invoke/settings:update`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-meterbook-token': run.host.token },
      body: '{"companyName":',
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'validation_failed' } })
  })

  it('pushes events to the page as server-sent events', async () => {
    const run = await start()
    const controller = new AbortController()
    const stream = await fetch(`${origin(run.host)}/api/events?token=${run.host.token}`, {
      signal: controller.signal,
    })
    expect(stream.headers.get('content-type')).toBe('text/event-stream')
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader()
    await reader.read() // the greeting comment
    await invoke(run, 'settings:update', { taxId: 'GB123' })
    const { value } = await reader.read()
    expect(new TextDecoder().decode(value)).toBe(
      'event: audit:appended\ndata: {"id":1,"action":"settings:update"}\n\n',
    )
    controller.abort()
  })

  it('serves the built renderer with a strict content security policy, and nothing outside it', async () => {
    const run = await start()
    const page = await fetch(`${origin(run.host)}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain('<title>Meterbook</title>')
    const asset = await fetch(`${origin(run.host)}/assets/app.js`)
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    const escape = await fetch(`${origin(run.host)}/%2e%2e/secret.txt`)
    expect(escape.status).toBe(404)
    // Routes the renderer owns fall back to the page.
    const route = await fetch(`${origin(run.host)}/audit`)
    expect(await route.text()).toContain('<title>Meterbook</title>')
  })
})
