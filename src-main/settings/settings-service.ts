import type { EntityManager } from 'typeorm'
import type { Settings, SettingsPatch } from '../../src-shared/domain/settings'
import { SettingEntity } from '../db/entities/setting'
import { fromRows } from './settings-now'

/** Settings live one key a row, so a later version can add keys without a migration. */
export const readSettings = async (db: EntityManager): Promise<Settings> =>
  fromRows(await db.find(SettingEntity))

/** The same, on the ledger's raw connection, for the synchronous services (billing runs). */
export { readSettingsNow } from './settings-now'

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
