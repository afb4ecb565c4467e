import type { HandlersFor } from '../ipc/handlers-types'
import { readSettings, writeSettings } from './settings-service'

export const settingsHandlers: HandlersFor<'settings'> = {
  'settings:get': (_input, { db }) => readSettings(db),
  'settings:update': async (patch, { db, now, audit }) => {
    const before = await readSettings(db)
    await writeSettings(db, patch, now())
    const after = await readSettings(db)
    await audit({ entityType: 'settings', entityId: 'business', before, after })
    return after
  },
}
