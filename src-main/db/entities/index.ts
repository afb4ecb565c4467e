import { AuditEntryEntity } from './audit-entry'
import { SettingEntity } from './setting'

export const entities = [AuditEntryEntity, SettingEntity]
