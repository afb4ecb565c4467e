/**
 * The desktop shell's security decisions as plain functions (no Electron import), so they are
 * tested where the Electron runtime cannot run.
 */

/**
 * Whether a URL is our own page: the bundled index.html as the app's scheme serves it (any route
 * after `#`, the router's), or in development the dev server's origin. Compared exactly, never by
 * prefix: a prefix would let `app://meterbook/index.html.evil/` or
 * `http://localhost:5173.evil.example/` pass.
 */
export const ownPage =
  (page: { devServerUrl?: string | undefined; indexHref: string }) =>
  (url: string): boolean => {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return false
    }
    if (page.devServerUrl) return parsed.origin === new URL(page.devServerUrl).origin
    const index = new URL(page.indexHref)
    return (
      parsed.protocol === index.protocol &&
      parsed.host === index.host &&
      parsed.pathname === index.pathname &&
      parsed.search === ''
    )
  }

/** Links the app may hand to the system: web pages and mail, nothing that runs a program. */
export const openableExternally = (url: string): boolean => {
  try {
    return ['https:', 'http:', 'mailto:'].includes(new URL(url).protocol)
  } catch {
    return false
  }
}

/**
 * Why the Stripe key must not be stored on this system, or null when it may. On Linux without a
 * keyring, Electron's safeStorage falls back to `basic_text`: obfuscated with a fixed password,
 * readable by anyone who copies the file.
 */
export const secretStorageRefusal = (storage: {
  available: boolean
  linuxBackend: string | null
}): string | null => {
  if (!storage.available) {
    return 'This system offers no encrypted storage; set METERBOOK_STRIPE_KEY instead.'
  }
  if (storage.linuxBackend === 'basic_text' || storage.linuxBackend === 'unknown') {
    return 'No keyring (GNOME Keyring, KWallet) is running, so the key could only be stored obfuscated, not encrypted: start a keyring, or set METERBOOK_STRIPE_KEY instead.'
  }
  return null
}
