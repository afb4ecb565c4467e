import type { ErrorCode } from '../src-shared/ipc/result'

/**
 * An expected failure with a stable code: it reaches the renderer as is. Anything else thrown in
 * main is logged and reaches the renderer only as `internal`.
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly fields: Record<string, string> | undefined

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.fields = fields
  }
}
