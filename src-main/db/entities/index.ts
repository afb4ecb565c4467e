import { AuditEntryEntity } from './audit-entry'
import { CustomerEntity, SubscriptionEntity } from './customer'
import { PlanEntity, PlanVersionEntity } from './plan'
import { SettingEntity } from './setting'

export const entities = [
  AuditEntryEntity,
  SettingEntity,
  PlanEntity,
  PlanVersionEntity,
  CustomerEntity,
  SubscriptionEntity,
]
