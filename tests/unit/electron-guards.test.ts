import { describe, expect, it } from 'vitest'
import { openableExternally, ownPage, secretStorageRefusal } from '../../src-main/electron/guards'

describe('the desktop shell: our own page, exactly', () => {
  const bundled = ownPage({
    indexHref: 'file:///opt/Meterbook/resources/app.asar/out/renderer/index.html',
  })
  it.each([
    ['file:///opt/Meterbook/resources/app.asar/out/renderer/index.html', true],
    ['file:///opt/Meterbook/resources/app.asar/out/renderer/index.html#/invoices/12', true],
    ['file:///opt/Meterbook/resources/app.asar/out/renderer/index.html.evil/x.html', false],
    ['file:///opt/Meterbook/resources/app.asar/out/renderer/index.htmlx', false],
    ['file:///opt/Meterbook/resources/app.asar/out/renderer/other.html', false],
    ['file:///opt/Meterbook/resources/app.asar/out/renderer/index.html?x=1', false],
    ['https://evil.example/opt/Meterbook/resources/app.asar/out/renderer/index.html', false],
    ['not a url', false],
  ])('bundled: %s → %s', (url, expected) => {
    expect(bundled(url)).toBe(expected)
  })

  const dev = ownPage({ devServerUrl: 'http://localhost:5173', indexHref: 'file:///x/index.html' })
  it.each([
    ['http://localhost:5173/', true],
    ['http://localhost:5173/#/catalog', true],
    ['http://localhost:5173.evil.example/', false],
    ['http://localhost:51730/', false],
    ['https://localhost:5173/', false],
    ['file:///x/index.html', false],
  ])('dev server: %s → %s', (url, expected) => {
    expect(dev(url)).toBe(expected)
  })
})

describe('the desktop shell: links handed to the system', () => {
  it.each([
    ['https://stripe.com/docs', true],
    ['mailto:billing@acme.example', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://share/x', false],
    ['ms-msdt:/id', false],
  ])('%s → %s', (url, expected) => {
    expect(openableExternally(url)).toBe(expected)
  })
})

describe('the desktop shell: where the Stripe key may be stored', () => {
  it('stores it where the OS encrypts it (Keychain, DPAPI, a Linux keyring)', () => {
    expect(secretStorageRefusal({ available: true, linuxBackend: null })).toBeNull()
    expect(secretStorageRefusal({ available: true, linuxBackend: 'gnome_libsecret' })).toBeNull()
    expect(secretStorageRefusal({ available: true, linuxBackend: 'kwallet5' })).toBeNull()
  })

  it("refuses Linux's basic_text fallback and says why and what to do", () => {
    const why = secretStorageRefusal({ available: true, linuxBackend: 'basic_text' })
    expect(why).toContain('obfuscated, not encrypted')
    expect(why).toContain('METERBOOK_STRIPE_KEY')
  })

  it('refuses a system without encrypted storage', () => {
    expect(secretStorageRefusal({ available: false, linuxBackend: null })).toContain(
      'no encrypted storage',
    )
  })
})
