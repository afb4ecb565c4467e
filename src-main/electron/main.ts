import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  shell,
  type WebContents,
} from 'electron'
import { startApp, type App } from '../app'
import { createSession, type Session } from '../operators/identity'
import { LEDGER_FILE } from '../platform/paths'
import { APP_INDEX, APP_SCHEME, appResponse } from './app-protocol'
import { electronPlatform } from './electron-platform'
import { openableExternally, ownPage } from './guards'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels'
import { desktopLedgerKey } from './ledger-key'
import { installMenu } from './menu'
import { windowState } from './window-state'

const rendererUrl = process.env['ELECTRON_RENDERER_URL']
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url))
const preload = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url))

/** Only our own page may call main: the dev server in development, the app's scheme otherwise. */
const isOwnPage = ownPage({ devServerUrl: rendererUrl, indexHref: APP_INDEX })

// Before the app is ready: the scheme is a secure, standard origin ('self' in the page's policy).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

const lockDown = (contents: WebContents): void => {
  const stayHome = (event: { preventDefault: () => void }, url: string): void => {
    if (!isOwnPage(url)) event.preventDefault()
  }
  contents.on('will-navigate', stayHome)
  contents.on('will-redirect', stayHome)
  contents.setWindowOpenHandler(({ url }) => {
    if (openableExternally(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** The app uses no camera, microphone, location, notifications-by-page, clipboard reads, … */
const denyPermissions = (): void => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
}

const createWindow = (state: ReturnType<typeof windowState>): BrowserWindow => {
  const saved = state.load()
  const window = new BrowserWindow({
    ...saved.bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Meterbook',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A middle click must not open a link in a new window behind the window-open handler's back.
      disableBlinkFeatures: 'Auxclick',
    },
  })
  if (saved.maximized) window.maximize()
  state.track(window)
  lockDown(window.webContents)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(rendererUrl ?? APP_INDEX)
  return window
}

const serveIpc = (meterbook: App): void => {
  // One sign-in session per window (its web contents), forgotten with the window.
  const sessions = new WeakMap<WebContents, Session>()
  const sessionOf = (contents: WebContents): Session => {
    const known = sessions.get(contents)
    if (known) return known
    const created = createSession()
    sessions.set(contents, created)
    return created
  }
  ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, input: unknown) => {
    if (!event.senderFrame || !isOwnPage(event.senderFrame.url)) {
      return {
        ok: false,
        error: { code: 'internal', message: 'IPC from an unknown page was refused.' },
      }
    }
    return meterbook.dispatch(String(channel), input, sessionOf(event.sender))
  })
  // The app's window is open for the app's lifetime: watch for other processes' writes throughout.
  meterbook.watchLedger()
  meterbook.events.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows())
      window.webContents.send(EVENT_CHANNEL, name, payload)
  })
}

const main = async (): Promise<void> => {
  app.setName('Meterbook')
  // A separate data folder (tests, a second company) without touching the default one; set before
  // the single-instance lock, which is held per data folder.
  if (process.env['METERBOOK_DATA_DIR']) app.setPath('userData', process.env['METERBOOK_DATA_DIR'])
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  await app.whenReady()
  denyPermissions()
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request.url))
  const userData = app.getPath('userData')
  const state = windowState(userData)
  let meterbook: App
  try {
    const ledgerPath = join(userData, LEDGER_FILE)
    meterbook = await startApp({
      ledgerPath,
      ledgerKey: desktopLedgerKey(ledgerPath, userData, safeStorage),
      platform: electronPlatform(userData),
      runSchedule: true,
    })
  } catch (error) {
    dialog.showErrorBox(
      'Meterbook cannot open its ledger',
      error instanceof Error ? error.message : String(error),
    )
    app.exit(1)
    return
  }
  serveIpc(meterbook)
  installMenu(userData)
  let window = createWindow(state)

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createWindow(state)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => void meterbook.close())
}

void main()
