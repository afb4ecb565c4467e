import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../src-main/web/server'
import { testApp } from '../support/test-app'

type Running = { host: WebHost; app: Awaited<ReturnType<typeof testApp>>; cookie: string }
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
  const login = await fetch(host.url, { redirect: 'manual' })
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const run = { host, app, cookie }
  running.push(run)
  return run
}

const origin = (host: WebHost): string => `http://127.0.0.1:${host.port}`

const invoke = (run: Running, channel: string, body: unknown, cookie = run.cookie) =>
  fetch(`${origin(run.host)}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('the loopback browser host', () => {
  it('listens on 127.0.0.1 and prints an address carrying a random token', async () => {
    const { host } = await start()
    const other = await start()
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/)
    expect(host.token).not.toBe(other.host.token)
  })

  it('trades the token in the address for an HttpOnly, SameSite cookie and drops it from the address', async () => {
    const { host } = await start()
    const response = await fetch(host.url, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/')
    expect(response.headers.get('set-cookie')).toBe(
      `meterbook_token_${host.port}=${host.token}; HttpOnly; SameSite=Strict; Path=/`,
    )
  })

  it('refuses every request without the token, the page and the API alike', async () => {
    const run = await start()
    expect((await fetch(`${origin(run.host)}/`)).status).toBe(401)
    expect((await fetch(`${origin(run.host)}/?token=wrong`)).status).toBe(401)
    expect((await invoke(run, 'settings:get', {}, '')).status).toBe(401)
    expect(
      (await invoke(run, 'settings:get', {}, `meterbook_token_${run.host.port}=guess`)).status,
    ).toBe(401)
  })

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const run = await start()
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: run.host.port,
          path: '/',
          headers: { host: 'evil.example', cookie: run.cookie },
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
      headers: { cookie: run.cookie },
      body: '{"companyName":',
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'validation_failed' } })
  })

  it('pushes events to the page as server-sent events', async () => {
    const run = await start()
    const controller = new AbortController()
    const stream = await fetch(`${origin(run.host)}/api/events`, {
      headers: { cookie: run.cookie },
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
    const page = await fetch(`${origin(run.host)}/`, { headers: { cookie: run.cookie } })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain('<title>Meterbook</title>')
    const asset = await fetch(`${origin(run.host)}/assets/app.js`, {
      headers: { cookie: run.cookie },
    })
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    const escape = await fetch(`${origin(run.host)}/%2e%2e/secret.txt`, {
      headers: { cookie: run.cookie },
    })
    expect(escape.status).toBe(404)
    // Routes the renderer owns fall back to the page.
    const route = await fetch(`${origin(run.host)}/audit`, { headers: { cookie: run.cookie } })
    expect(await route.text()).toContain('<title>Meterbook</title>')
  })
})
