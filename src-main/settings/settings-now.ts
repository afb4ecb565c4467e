import type Database from 'better-sqlite3'
import { defaultSettings, SettingsSchema, type Settings } from '../../src-shared/domain/settings'

/**
 * The settings on the ledger's raw connection, for the synchronous services (billing runs, the
 * usage alerts an import evaluates). Apart from settings-service.ts so that the paths that start
 * on the bare connection (`meterbook usage import`) do not load the ORM's entities.
 */
export const readSettingsNow = (db: Database.Database): Settings =>
  fromRows(
    db
      .prepare<[], { key: string; valueJson: string }>(
        'SELECT key, value_json AS valueJson FROM setting',
      )
      .all(),
  )

export const fromRows = (rows: { key: string; valueJson: string }[]): Settings => {
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.valueJson) as unknown]))
  const known = Object.fromEntries(
    Object.keys(defaultSettings)
      .filter((k) => k in stored)
      .map((k) => [k, stored[k]]),
  )
  return SettingsSchema.parse({ ...defaultSettings, ...known })
}
