import { spawn } from 'node:child_process'
import { userInfo } from 'node:os'
import { secretEnvVars, type HostKind, type Platform } from './platform'

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

/** The platform for the browser and CLI hosts: plain Node, secrets from the environment. */
export const nodePlatform = (host: HostKind, env: NodeJS.ProcessEnv = process.env): Platform => ({
  host,
  operator: osUser(),
  readSecret: (name) => env[secretEnvVars[name]] || undefined,
  notify: (title, body) => console.error(`${title}: ${body}`),
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
})
