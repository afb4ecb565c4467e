import type Database from 'better-sqlite3'
import type { EntityManager } from 'typeorm'
import {
  defaultSettings,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../src-shared/domain/settings'
import { SettingEntity } from '../db/entities/setting'

/** Settings live one key a row, so a later version can add keys without a migration. */
export const readSettings = async (db: EntityManager): Promise<Settings> =>
  fromRows(await db.find(SettingEntity))

/** The same, on the ledger's raw connection, for the synchronous services (billing runs). */
export const readSettingsNow = (db: Database.Database): Settings =>
  fromRows(
    db
      .prepare<[], { key: string; valueJson: string }>(
        'SELECT key, value_json AS valueJson FROM setting',
      )
      .all(),
  )

const fromRows = (rows: { key: string; valueJson: string }[]): Settings => {
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.valueJson) as unknown]))
  const known = Object.fromEntries(
    Object.keys(defaultSettings)
      .filter((k) => k in stored)
      .map((k) => [k, stored[k]]),
  )
  return SettingsSchema.parse({ ...defaultSettings, ...known })
}

export const writeSettings = async (
  db: EntityManager,
  patch: SettingsPatch,
  now: Date,
): Promise<void> => {
  const rows = Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ({
      key,
      valueJson: JSON.stringify(value),
      updatedAt: now.toISOString(),
    }))
  if (rows.length > 0) await db.upsert(SettingEntity, rows, ['key'])
}
