import type { EntityManager } from 'typeorm'
import {
  defaultSettings,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../src-shared/domain/settings'
import { SettingEntity } from '../db/entities/setting'

/** Settings live one key a row, so a later version can add keys without a migration. */
export const readSettings = async (db: EntityManager): Promise<Settings> => {
  const rows = await db.find(SettingEntity)
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
