import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/** What a page served from another port of 127.0.0.1 tries against the browser host. */
const hostileHtml = (target: string): string => `<!doctype html><title>Other local page</title>
<script>
const write = JSON.stringify({ companyName: 'Changed by another page' })
const url = '${target}/api/invoke/settings:update'
const attempts = [
  fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', body: write }),
  fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include',
    headers: { 'content-type': 'text/plain' }, body: write }),
  fetch(url, { method: 'POST', credentials: 'include',
    headers: { 'content-type': 'application/json', 'x-meterbook-token': 'guess' }, body: write }),
  fetch('${target}/api/invoke/settings:get', { method: 'POST', credentials: 'include',
    headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.text()),
  new Promise((resolve) => {
    const events = new EventSource('${target}/api/events', { withCredentials: true })
    events.onerror = () => { events.close(); resolve('refused') }
    events.onmessage = () => resolve('read')
  }),
]
Promise.allSettled(attempts).then((results) => {
  window.outcome = results.map((r) => r.status === 'fulfilled' ? String(r.value) : 'blocked')
})
</script>`

const ownSettings = (page: Page) =>
  page.evaluate(async () => {
    const response = await fetch('/api/invoke/settings:get', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-meterbook-token': sessionStorage.getItem('meterbook.token') ?? '',
      },
      body: '{}',
    })
    return (await response.json()) as { ok: boolean; value: { companyName: string } }
  })

test('a page on another local port cannot drive the browser host, and no token reaches it', async ({
  page,
  context,
  meterbook,
}) => {
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  const seen: IncomingMessage[] = []
  const hostile = createServer((req, res) => {
    seen.push(req)
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(hostileHtml(meterbook.origin))
  })
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve))
  const { port } = hostile.address() as AddressInfo
  try {
    const other = await context.newPage()
    await other.goto(`http://127.0.0.1:${port}/`)
    const outcome = await other.waitForFunction(
      () => (window as unknown as { outcome?: string[] }).outcome,
    )
    const results = (await outcome.jsonValue()) as string[]
    // No-cors answers are opaque; the CORS requests and the event stream are refused outright.
    expect(results.slice(2)).toEqual(['blocked', 'blocked', 'refused'])

    const settings = await ownSettings(page)
    expect(settings.ok).toBe(true)
    expect(settings.value.companyName).not.toBe('Changed by another page')
    const token = new URL(meterbook.url).searchParams.get('token') ?? ''
    for (const req of seen) {
      expect(JSON.stringify([req.url, req.headers])).not.toContain(token)
    }
    await page.getByRole('link', { name: 'Audit log', exact: true }).click()
    await expect(page.getByText('settings:update')).toHaveCount(0)
  } finally {
    hostile.close()
  }
})
