import { readStatic } from '../web/static-files'
import { baseHeaders, pageWithNonce } from '../web/page-policy'

/**
 * How the desktop app serves its page: from `app://meterbook/`, a privileged scheme of its own,
 * rather than from a `file:` URL. A file carries no headers, so its page could only hold a fixed
 * policy with `style-src 'unsafe-inline'`; served this way each load gets a fresh nonce and the
 * same policy the browser host sends. No Electron import: tested where the runtime cannot run.
 */
export const APP_SCHEME = 'app'
const APP_HOST = 'meterbook'
export const APP_INDEX = `${APP_SCHEME}://${APP_HOST}/index.html`

const notFound = (): Response =>
  new Response('Not found', {
    status: 404,
    headers: { ...baseHeaders, 'content-type': 'text/plain' },
  })

/**
 * The response to a request on the app's scheme: a file of the built renderer (`root`), the
 * page with its nonce and policy, or 404 for another host, a path outside the folder or a
 * missing file.
 */
export const appResponse = async (root: string, url: string): Promise<Response> => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return notFound()
  }
  // Not `origin`: outside Electron, a scheme of its own has an opaque one ("null").
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return notFound()
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return notFound()
  }
  const file = await readStatic(root, path)
  if (!file) return notFound()
  if (!file.type.startsWith('text/html'))
    return new Response(new Uint8Array(file.body), {
      headers: { ...baseHeaders, 'content-type': file.type },
    })
  const { html, policy } = pageWithNonce(file.body.toString('utf8'))
  return new Response(html, {
    headers: { ...baseHeaders, 'content-type': file.type, 'content-security-policy': policy },
  })
}
