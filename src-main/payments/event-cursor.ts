import type Database from 'better-sqlite3'
import {
  ProviderError,
  type EventPage,
  type EventPageQuery,
  type PaymentProvider,
  type ProviderEvent,
} from './provider'

/** Stripe's largest page. */
export const EVENT_PAGE_SIZE = 100

/**
 * Where the event sync stands (`payment_sync`, migration 0023). Each page applied moves the
 * cursor, so a sync that fails halfway keeps what it read and the next one resumes there.
 */
export type EventCursor = {
  /** The newest event applied, in Stripe's order; null until a first event is known. */
  lastEventId: string | null
  /** The first sync's walk back towards the oldest event: the oldest event passed so far. */
  walkedTo: string | null
  /** Unix seconds: events older than this were applied before (by an older, unpaged sync). */
  createdFrom: number
}

export const readCursor = (db: Database.Database): EventCursor => {
  const row = db
    .prepare<
      [],
      { event_cursor_id: string | null; event_walk_id: string | null; cursor_created: number }
    >('SELECT event_cursor_id, event_walk_id, cursor_created FROM payment_sync WHERE id = 1')
    .get()
  return {
    lastEventId: row?.event_cursor_id ?? null,
    walkedTo: row?.event_walk_id ?? null,
    createdFrom: row?.cursor_created ?? 0,
  }
}

/** After a page is applied: the next page starts after its newest event. */
const saveApplied = (db: Database.Database, newest: ProviderEvent): void => {
  db.prepare(
    `UPDATE payment_sync SET event_cursor_id = ?, cursor_created = ?, event_walk_id = NULL
     WHERE id = 1`,
  ).run(newest.id, newest.created)
}

/** Stripe no longer knows the cursor's event (it keeps events 30 days): walk again from its time. */
const forgetCursor = (db: Database.Database): void => {
  db.prepare(
    'UPDATE payment_sync SET event_cursor_id = NULL, event_walk_id = NULL WHERE id = 1',
  ).run()
}

const saveWalk = (db: Database.Database, walkedTo: string): void => {
  db.prepare('UPDATE payment_sync SET event_walk_id = ? WHERE id = 1').run(walkedTo)
}

export type Reader = {
  provider: PaymentProvider
  save: <T>(write: (db: Database.Database) => T) => Promise<T>
  pageSize: number
}

/**
 * Stripe lists newest first and has no "oldest first": a ledger without a cursor walks back from
 * the newest event (created at or after `createdFrom`) to the oldest, saving how far it came after
 * each page, and returns that oldest event (null: none). Only ids are kept on the way; the events
 * themselves are read again, oldest first, page by page after it.
 */
const walkToOldest = async (reader: Reader, cursor: EventCursor): Promise<ProviderEvent | null> => {
  let before = cursor.walkedTo
  for (;;) {
    const page = await reader.provider.eventsPage({
      before,
      createdFrom: cursor.createdFrom,
      limit: reader.pageSize,
    })
    const oldest = page.events[0]
    // A walk is saved only with more to come, so a resumed walk's next page is never empty.
    if (!page.hasMore || oldest === undefined) return oldest ?? null
    before = oldest.id
    const walkedTo = before
    await reader.save((db) => saveWalk(db, walkedTo))
  }
}

/** Stripe's answer when the cursor's event is gone (older than its 30 days of events). */
const isMissingCursor = (error: unknown): boolean =>
  error instanceof ProviderError &&
  error.failure.code === 'resource_missing' &&
  error.failure.type === 'invalid_request_error'

/**
 * Hands Stripe's new events to `apply` a page at a time, oldest first, and moves the cursor to
 * each page's newest event once `apply` is done with it.
 */
export const readPages = async (
  reader: Reader,
  apply: (events: readonly ProviderEvent[]) => Promise<void>,
): Promise<void> => {
  const applyPage = async (events: readonly ProviderEvent[]): Promise<void> => {
    await apply(events)
    const newest = events.at(-1)
    if (newest !== undefined) await reader.save((db) => saveApplied(db, newest))
  }
  let after: string | null = (await reader.save(readCursor)).lastEventId
  if (after === null) {
    const oldest = await walkToOldest(reader, await reader.save(readCursor))
    if (oldest === null) return
    await applyPage([oldest])
    after = oldest.id
  }
  for (;;) {
    const query: EventPageQuery = { after, limit: reader.pageSize }
    const page: EventPage | null = await reader.provider
      .eventsPage(query)
      .catch(async (error: unknown) => {
        if (!isMissingCursor(error)) throw error
        await reader.save(forgetCursor)
        return null
      })
    if (page === null) return readPages(reader, apply)
    await applyPage(page.events)
    const newest = page.events.at(-1)
    if (!page.hasMore || newest === undefined) return
    after = newest.id
  }
}
