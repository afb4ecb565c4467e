import { EntitySchema } from 'typeorm'

export type AuditEntryRow = {
  id: number
  at: string
  operator: string
  action: string
  entityType: string
  entityId: string
  beforeJson: string | null
  afterJson: string | null
}

export const AuditEntryEntity = new EntitySchema<AuditEntryRow>({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    at: { type: 'text' },
    operator: { type: 'text' },
    action: { type: 'text' },
    entityType: { type: 'text', name: 'entity_type' },
    entityId: { type: 'text', name: 'entity_id' },
    beforeJson: { type: 'text', name: 'before_json', nullable: true },
    afterJson: { type: 'text', name: 'after_json', nullable: true },
  },
})
