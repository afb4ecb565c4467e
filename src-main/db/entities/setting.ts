import { EntitySchema } from 'typeorm'

export type SettingRow = { key: string; valueJson: string; updatedAt: string }

export const SettingEntity = new EntitySchema<SettingRow>({
  name: 'Setting',
  tableName: 'setting',
  columns: {
    key: { type: 'text', primary: true },
    valueJson: { type: 'text', name: 'value_json' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})
