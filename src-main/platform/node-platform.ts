import { spawn } from 'node:child_process'
import { userInfo } from 'node:os'
import { secretEnvVars, type HostKind, type Platform, type SecretName } from './platform'
import { logLine } from '../logging/safe-log'

export const osUser = (): string => {
  try {
    return userInfo().username
  } catch {
    return process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown'
  }
}

const openerFor = (url: string): [string, string[]] => {
  switch (process.platform) {
    case 'darwin':
      return ['open', [url]]
    case 'win32':
      return ['cmd', ['/c', 'start', '', url]]
    default:
      return ['xdg-open', [url]]
  }
}

/**
 * The platform for the browser and CLI hosts: plain Node. Secrets come from the environment; one
 * set in the app is kept in memory for the session only, never written to disk in plain text.
 */
export const nodePlatform = (host: HostKind, env: NodeJS.ProcessEnv = process.env): Platform => {
  const session = new Map<SecretName, string>()
  const fromEnv = (name: SecretName): string | undefined => env[secretEnvVars[name]] || undefined
  return {
    host,
    operator: osUser(),
    readSecret: (name) => session.get(name) ?? fromEnv(name),
    secretSource: (name) => (session.has(name) ? 'session' : fromEnv(name) ? 'environment' : null),
    writeSecret: (name, value) => {
      if (value === null) session.delete(name)
      else session.set(name, value)
    },
    canStoreSecrets: false,
    notify: (title, body) => console.error(logLine(`${title}: ${body}`)),
    openExternal: (url) =>
      new Promise((resolve, reject) => {
        const [command, args] = openerFor(url)
        const child = spawn(command, args, { stdio: 'ignore', detached: true })
        child.once('error', reject)
        child.once('spawn', () => {
          child.unref()
          resolve()
        })
      }),
  }
}
