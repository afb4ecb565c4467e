import type Database from 'better-sqlite3'
import type { KeyPause } from '../../src-shared/domain/payments'
import type { ProviderFailure } from './provider'

/** `sk_test_…4242`: enough to tell keys apart, never enough to use one. */
export const keyHint = (key: string): string =>
  `${key.slice(0, key.indexOf('_', 3) + 1)}…${key.slice(-4)}`

/**
 * Stripe refused the key itself. Every operation would be refused the same way, so this is no
 * operation's failure: counting it would push the whole outbox to the manual queue.
 */
export const isKeyRefused = (failure: ProviderFailure): boolean =>
  failure.type === 'authentication_error' || failure.httpStatus === 401

export const keyRefusedMessage = (hint: string): string =>
  `The Stripe key was refused (${hint}): nothing is sent to Stripe until the key changes. Enter a new key in Settings, or set METERBOOK_STRIPE_KEY.`

/** The pause on the outbox, or null; it holds only while the refused key is the current one. */
export const readKeyPause = (db: Database.Database): KeyPause | null => {
  const row = db
    .prepare<[], { key_refused_hint: string | null; key_refused_at: string | null }>(
      'SELECT key_refused_hint, key_refused_at FROM payment_sync WHERE id = 1',
    )
    .get()
  if (!row?.key_refused_hint || !row.key_refused_at) return null
  return {
    keyHint: row.key_refused_hint,
    since: row.key_refused_at,
    message: keyRefusedMessage(row.key_refused_hint),
  }
}

/** The pause if it applies to the key now in use (another key lifts it). */
export const pauseFor = (db: Database.Database, key: string | undefined): KeyPause | null => {
  const pause = readKeyPause(db)
  return pause && key !== undefined && pause.keyHint === keyHint(key) ? pause : null
}

export const pauseOutbox = (db: Database.Database, hint: string, at: Date): void => {
  db.prepare('UPDATE payment_sync SET key_refused_hint = ?, key_refused_at = ? WHERE id = 1').run(
    hint,
    at.toISOString(),
  )
}

export const liftKeyPause = (db: Database.Database): void => {
  db.prepare(
    'UPDATE payment_sync SET key_refused_hint = NULL, key_refused_at = NULL WHERE id = 1',
  ).run()
}
