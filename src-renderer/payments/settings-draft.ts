import type { PaymentSettings } from '../../src-shared/domain/settings'

/** The payment settings as typed: numbers stay text until saved, so a half-typed one is kept. */
export type PaymentsDraft = {
  autoCollect: boolean
  processEveryMinutes: string
  syncEveryMinutes: string
  alertThreshold: string
  maxExponential: string
  maxImmediate: string
  maxFixed: string
  baseDelaySeconds: string
  maxDelaySeconds: string
  fixedIntervalSeconds: string
}

export type NumberField = Exclude<keyof PaymentsDraft, 'autoCollect'>

/** Where each field's errors arrive from the server (the settings patch's paths). */
export const serverPaths: Record<NumberField, string> = {
  processEveryMinutes: 'payments.processEveryMinutes',
  syncEveryMinutes: 'payments.syncEveryMinutes',
  alertThreshold: 'payments.alertThreshold',
  maxExponential: 'payments.retry.maxAttempts.exponential',
  maxImmediate: 'payments.retry.maxAttempts.immediate',
  maxFixed: 'payments.retry.maxAttempts.fixed',
  baseDelaySeconds: 'payments.retry.baseDelaySeconds',
  maxDelaySeconds: 'payments.retry.maxDelaySeconds',
  fixedIntervalSeconds: 'payments.retry.fixedIntervalSeconds',
}

export const paymentsDraftOf = (p: PaymentSettings): PaymentsDraft => ({
  autoCollect: p.autoCollect,
  processEveryMinutes: String(p.processEveryMinutes),
  syncEveryMinutes: String(p.syncEveryMinutes),
  alertThreshold: String(p.alertThreshold),
  maxExponential: String(p.retry.maxAttempts.exponential),
  maxImmediate: String(p.retry.maxAttempts.immediate),
  maxFixed: String(p.retry.maxAttempts.fixed),
  baseDelaySeconds: String(p.retry.baseDelaySeconds),
  maxDelaySeconds: String(p.retry.maxDelaySeconds),
  fixedIntervalSeconds: String(p.retry.fixedIntervalSeconds),
})

const wholeNumber = (text: string): number | undefined =>
  /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined

const numberFields = Object.keys(serverPaths) as NumberField[]

/** Fields that cannot even be sent (not a whole number), keyed by server path. */
export const paymentsDraftProblems = (draft: PaymentsDraft): Record<string, string> => {
  const problems: Record<string, string> = {}
  for (const field of numberFields)
    if (wholeNumber(draft[field]) === undefined)
      problems[serverPaths[field]] = 'must be a whole number'
  return problems
}

/** The whole `payments` block to save; undefined while a number cannot be sent. */
export const paymentsOf = (draft: PaymentsDraft): PaymentSettings | undefined => {
  // Filled field by field below; returned only once every field was a whole number.
  const n = {} as Record<NumberField, number>
  for (const field of numberFields) {
    const value = wholeNumber(draft[field])
    if (value === undefined) return undefined
    n[field] = value
  }
  return {
    autoCollect: draft.autoCollect,
    processEveryMinutes: n.processEveryMinutes,
    syncEveryMinutes: n.syncEveryMinutes,
    alertThreshold: n.alertThreshold,
    retry: {
      maxAttempts: { exponential: n.maxExponential, immediate: n.maxImmediate, fixed: n.maxFixed },
      baseDelaySeconds: n.baseDelaySeconds,
      maxDelaySeconds: n.maxDelaySeconds,
      fixedIntervalSeconds: n.fixedIntervalSeconds,
    },
  }
}

/** "90 s" → "1 min 30 s", "21600" → "6 h": a delay in seconds read by a person. */
export const describeSeconds = (text: string): string => {
  const seconds = wholeNumber(text)
  if (seconds === undefined) return ''
  const parts: string[] = []
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  if (days) parts.push(`${days} d`)
  if (hours) parts.push(`${hours} h`)
  if (minutes) parts.push(`${minutes} min`)
  if (rest || parts.length === 0) parts.push(`${rest} s`)
  return parts.join(' ')
}
