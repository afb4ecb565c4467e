import { EntitySchema } from 'typeorm'
import type { Role } from '../../../src-shared/domain/operators'

export type OperatorRow = {
  id: number
  name: string
  displayName: string
  role: Role
  /** An argon2id PHC string; never leaves main. */
  passwordHash: string
  disabledAt: string | null
  createdAt: string
}

export const OperatorEntity = new EntitySchema<OperatorRow>({
  name: 'Operator',
  tableName: 'operator',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'text' },
    displayName: { type: 'text', name: 'display_name' },
    role: { type: 'text' },
    passwordHash: { type: 'text', name: 'password_hash' },
    disabledAt: { type: 'text', name: 'disabled_at', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
  },
})
