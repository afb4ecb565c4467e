const KEY = 'meterbook.token'

/**
 * The browser host's access token, which this page alone holds. It arrives once in the printed
 * address (`/?token=…`); the page keeps it in its session storage (this origin's, this tab's: it
 * survives a reload, no other port's page can read it) and takes it out of the address bar.
 * Never a cookie: browsers send cookies to every port of 127.0.0.1.
 */
export const sessionToken = (): string | null => {
  const url = new URL(window.location.href)
  const fromAddress = url.searchParams.get('token')
  if (fromAddress) {
    window.sessionStorage.setItem(KEY, fromAddress)
    url.searchParams.delete('token')
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`)
  }
  return window.sessionStorage.getItem(KEY)
}
