import type { HandlersFor } from '../ipc/handlers-types'
import { auditFacets, listAudit } from './audit-service'

export const auditHandlers: HandlersFor<'audit'> = {
  'audit:list': (input, { db }) => listAudit(db, input),
  'audit:facets': (_input, { db }) => auditFacets(db),
}
