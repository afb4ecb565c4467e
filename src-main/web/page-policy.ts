import { randomBytes } from 'node:crypto'

/** Headers on everything either host serves: no type sniffing, no referrer, nothing cached. */
export const baseHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
}

/**
 * The page's policy. Style elements need the page's nonce (Emotion gives it to each one it
 * creates): no inline style element of anyone else's runs. Style attributes stay allowed, because
 * MUI and the data grid position elements through them. Both hosts that serve the renderer (the
 * browser host over loopback HTTP, the desktop app over its `app:` protocol) send it.
 */
export const contentSecurityPolicy = (nonce: string): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    'frame-src blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')

/** The renderer's page with a fresh nonce in its `csp-nonce` meta, and the policy requiring it. */
export const pageWithNonce = (html: string): { html: string; policy: string } => {
  const nonce = randomBytes(16).toString('base64')
  return {
    html: html.replace(
      /<meta name="csp-nonce" content="[^"]*"\s*\/?>/,
      `<meta name="csp-nonce" content="${nonce}" />`,
    ),
    policy: contentSecurityPolicy(nonce),
  }
}
