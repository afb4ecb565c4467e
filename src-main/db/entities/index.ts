import { AuditEntryEntity } from './audit-entry'
import { CustomerEntity, SubscriptionEntity } from './customer'
import { PlanEntity, PlanVersionEntity } from './plan'
import { SettingEntity } from './setting'
import { OperatorEntity } from './operator'

export const entities = [
  AuditEntryEntity,
  SettingEntity,
  PlanEntity,
  PlanVersionEntity,
  CustomerEntity,
  SubscriptionEntity,
  OperatorEntity,
]
