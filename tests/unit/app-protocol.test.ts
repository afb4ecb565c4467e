import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { APP_INDEX, appResponse } from '../../src-main/electron/app-protocol'
import { ownPage } from '../../src-main/electron/guards'

const root = mkdtempSync(join(tmpdir(), 'mb-app-protocol-'))
mkdirSync(join(root, 'assets'))
writeFileSync(
  join(root, 'index.html'),
  '<html><head><meta name="csp-nonce" content="" /></head><body></body></html>',
)
writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)')
writeFileSync(join(tmpdir(), 'mb-app-protocol-secret.txt'), 'secret')
afterAll(() => rmSync(root, { recursive: true, force: true }))

const nonceOf = (html: string) => /<meta name="csp-nonce" content="([^"]+)" \/>/.exec(html)?.[1]

describe('the desktop app’s own scheme', () => {
  it('serves the page with a fresh nonce per load and a policy that requires it of style elements', async () => {
    const first = await appResponse(root, APP_INDEX)
    const second = await appResponse(root, `${APP_INDEX}#/invoices/12`)
    const [a, b] = [nonceOf(await first.text()), nonceOf(await second.text())]
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(b).not.toBe(a)
    const policy = first.headers.get('content-security-policy') ?? ''
    expect(policy).toContain(`style-src-elem 'self' 'nonce-${a}'`)
    expect(policy).toContain(`style-src 'self' 'nonce-${a}'`)
    // What the file: page had to allow: any inline style element.
    expect(policy).not.toMatch(/style-src(-elem)? [^;]*'unsafe-inline'/)
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8')
  })

  it('serves the bundle’s files with their type, and nothing outside its folder or origin', async () => {
    const script = await appResponse(root, 'app://meterbook/assets/index.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('console.log(1)')
    for (const url of [
      'app://meterbook/assets/missing.js',
      'app://meterbook/..%2Fmb-app-protocol-secret.txt',
      'app://meterbook/%2e%2e/mb-app-protocol-secret.txt',
      'app://other/index.html',
      'app://meterbook/%E0%A4%A',
    ])
      expect((await appResponse(root, url)).status, url).toBe(404)
  })

  it('is the only page allowed to call main (exactly, not by prefix)', () => {
    const own = ownPage({ indexHref: APP_INDEX })
    expect(own('app://meterbook/index.html#/customers')).toBe(true)
    expect(own('app://meterbook/index.html.evil/x.html')).toBe(false)
    expect(own('app://meterbook.evil/index.html')).toBe(false)
    expect(own('file:///app/index.html')).toBe(false)
    expect(own('https://meterbook/index.html')).toBe(false)
  })
})
