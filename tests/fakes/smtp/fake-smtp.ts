import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/**
 * A local SMTP server for tests (127.0.0.1, a free port): keeps every message it accepted,
 * parsed with mailparser. `dropAfterData` takes the message, then closes the connection before
 * answering, as a server that accepted the mail but lost the line would.
 */
export type FakeSmtp = {
  port: number
  received: ParsedMail[]
  /** The user names and passwords clients signed in with. */
  logins: { username: string; password: string }[]
  /** Accept the next messages, then drop the connection instead of replying. */
  dropAfterData: (count: number) => void
  /** Stop listening (the desktop goes offline); `start` listens again on the same port. */
  stop: () => Promise<void>
  start: () => Promise<void>
}

export const startFakeSmtp = async (): Promise<FakeSmtp> => {
  const received: ParsedMail[] = []
  const logins: { username: string; password: string }[] = []
  let drops = 0
  const make = (): SMTPServer =>
    new SMTPServer({
      authOptional: true,
      // Plain connections on loopback: the tests' security is 'none'.
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        logins.push({ username: auth.username ?? '', password: auth.password ?? '' })
        callback(null, { user: auth.username })
      },
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push(mail)
            if (drops > 0) {
              drops--
              // Accepted, but the reply never reaches the client: every open line is cut.
              for (const connection of server.connections as Set<{ _socket: { destroy(): void } }>)
                connection._socket.destroy()
              return
            }
            callback()
          })
          .catch((error: unknown) => callback(error as Error))
      },
    })
  let server = make()
  const listen = (port: number): Promise<number> =>
    new Promise((resolve) => {
      server.listen(port, '127.0.0.1', () => {
        resolve((server.server.address() as AddressInfo).port)
      })
    })
  const port = await listen(0)
  return {
    port,
    received,
    logins,
    dropAfterData: (count) => {
      drops = count
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
    start: async () => {
      server = make()
      await listen(port)
    },
  }
}
