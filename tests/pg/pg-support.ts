import { randomBytes } from 'node:crypto'
import { afterAll, describe } from 'vitest'
import { connectPostgres } from '../../src-main/db/postgres/client'

/** The throwaway server `npm run test:pg` started; unset under `npm test`. */
export const serverUrl = process.env.METERBOOK_TEST_PG_URL

const SKIP_REASON = 'needs PostgreSQL: run `npm run test:pg` (METERBOOK_TEST_PG_URL is not set)'

/** A describe that runs only with a server, and says why it skipped without one. */
export const describePg = (name: string, body: () => void): void => {
  if (serverUrl) describe(name, body)
  else describe.skip(`${name} (${SKIP_REASON})`, body)
}

const created: string[] = []

const urlOf = (database: string): string => {
  const url = new URL(serverUrl ?? '')
  url.pathname = `/${database}`
  return url.toString()
}

/** A new, empty database on the test server (dropped after the file's tests): its URL. */
export const freshDatabase = async (): Promise<string> => {
  const name = `meterbook_${randomBytes(6).toString('hex')}`
  const admin = await connectPostgres(serverUrl ?? '')
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  created.push(name)
  return urlOf(name)
}

afterAll(async () => {
  if (!serverUrl || created.length === 0) return
  const admin = await connectPostgres(serverUrl)
  try {
    for (const name of created.splice(0)) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
  } finally {
    await admin.end()
  }
})
