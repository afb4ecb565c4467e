import { AuditEntryEntity } from './audit-entry'
import { PlanEntity, PlanVersionEntity } from './plan'
import { SettingEntity } from './setting'

export const entities = [AuditEntryEntity, SettingEntity, PlanEntity, PlanVersionEntity]
