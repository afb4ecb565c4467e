import { SettingsSchema, type Settings, type SettingsPatch } from '../../src-shared/domain/settings'

/**
 * The settings page as typed: one form for the company, billing and payments settings, shaped like
 * the contract's `Settings` so the schema's and the server's paths (`taxRates.0.ratePercent`,
 * `payments.retry.maxAttempts.fixed`) name its fields. Numbers stay text until saved, so a
 * half-typed one is kept and explained rather than lost.
 */
export type SettingsForm = {
  companyName: string
  companyAddress: string
  companyEmail: string
  taxId: string
  businessTimeZone: string
  defaultCurrency: string
  taxRates: Settings['taxRates']
  billingSchedule: { enabled: boolean; dayOfMonth: string; time: string }
  draftGraceDays: string
  paymentTermsDays: string
  invoicePrefix: string
  creditNotePrefix: string
  payments: {
    autoCollect: boolean
    processEveryMinutes: string
    syncEveryMinutes: string
    alertThreshold: string
    retry: {
      maxAttempts: { exponential: string; immediate: string; fixed: string }
      baseDelaySeconds: string
      maxDelaySeconds: string
      fixedIntervalSeconds: string
    }
  }
  /** Email (issue 21): the SMTP server; the reminder sequences as "7, 14, 30". */
  mail: {
    host: string
    port: string
    security: Settings['mail']['security']
    user: string
    from: string
    dueInDays: string
    overdueAfterDays: string
  }
}

/** What this page edits; the rest (catalog header, exempt regions) is written elsewhere. */
export const EditedSettingsSchema = SettingsSchema.omit({
  defaultTaxRatePercent: true,
  taxExemptRegions: true,
  catalogDocument: true,
})
export type EditedSettings = ReturnType<typeof EditedSettingsSchema.parse>

export const settingsFormOf = (s: Settings): SettingsForm => {
  const { retry } = s.payments
  return {
    companyName: s.companyName,
    companyAddress: s.companyAddress,
    companyEmail: s.companyEmail,
    taxId: s.taxId,
    businessTimeZone: s.businessTimeZone,
    defaultCurrency: s.defaultCurrency,
    taxRates: s.taxRates,
    billingSchedule: { ...s.billingSchedule, dayOfMonth: String(s.billingSchedule.dayOfMonth) },
    draftGraceDays: String(s.draftGraceDays),
    paymentTermsDays: String(s.paymentTermsDays),
    invoicePrefix: s.invoicePrefix,
    creditNotePrefix: s.creditNotePrefix,
    payments: {
      autoCollect: s.payments.autoCollect,
      processEveryMinutes: String(s.payments.processEveryMinutes),
      syncEveryMinutes: String(s.payments.syncEveryMinutes),
      alertThreshold: String(s.payments.alertThreshold),
      retry: {
        maxAttempts: {
          exponential: String(retry.maxAttempts.exponential),
          immediate: String(retry.maxAttempts.immediate),
          fixed: String(retry.maxAttempts.fixed),
        },
        baseDelaySeconds: String(retry.baseDelaySeconds),
        maxDelaySeconds: String(retry.maxDelaySeconds),
        fixedIntervalSeconds: String(retry.fixedIntervalSeconds),
      },
    },
    mail: {
      ...s.mail,
      port: String(s.mail.port),
      dueInDays: s.mail.dueInDays.join(', '),
      overdueAfterDays: s.mail.overdueAfterDays.join(', '),
    },
  }
}

const isWhole = (text: string): boolean => /^\d+$/.test(text.trim())
// Not a whole number travels as NaN, which the schema refuses; `settingsProblems` says why.
const whole = (text: string): number => (isWhole(text) ? Number(text.trim()) : Number.NaN)
/** "7, 14, 30" as days; a piece that is not a whole number travels as NaN, refused by the schema. */
const dayList = (text: string): number[] => (text.trim() === '' ? [] : text.split(',').map(whole))

/** The form as the contract's settings, every number converted. */
export const settingsInputOf = (f: SettingsForm): EditedSettings => {
  const { retry } = f.payments
  return {
    companyName: f.companyName,
    companyAddress: f.companyAddress,
    companyEmail: f.companyEmail.trim(),
    taxId: f.taxId,
    businessTimeZone: f.businessTimeZone.trim(),
    defaultCurrency: f.defaultCurrency.trim(),
    taxRates: f.taxRates.map((rate) => ({
      region: rate.region.trim(),
      name: rate.name.trim(),
      ratePercent: rate.ratePercent.trim(),
    })),
    billingSchedule: { ...f.billingSchedule, dayOfMonth: whole(f.billingSchedule.dayOfMonth) },
    draftGraceDays: whole(f.draftGraceDays),
    paymentTermsDays: whole(f.paymentTermsDays),
    invoicePrefix: f.invoicePrefix,
    creditNotePrefix: f.creditNotePrefix,
    payments: {
      autoCollect: f.payments.autoCollect,
      processEveryMinutes: whole(f.payments.processEveryMinutes),
      syncEveryMinutes: whole(f.payments.syncEveryMinutes),
      alertThreshold: whole(f.payments.alertThreshold),
      retry: {
        maxAttempts: {
          exponential: whole(retry.maxAttempts.exponential),
          immediate: whole(retry.maxAttempts.immediate),
          fixed: whole(retry.maxAttempts.fixed),
        },
        baseDelaySeconds: whole(retry.baseDelaySeconds),
        maxDelaySeconds: whole(retry.maxDelaySeconds),
        fixedIntervalSeconds: whole(retry.fixedIntervalSeconds),
      },
    },
    mail: {
      host: f.mail.host.trim(),
      port: whole(f.mail.port),
      security: f.mail.security,
      user: f.mail.user.trim(),
      from: f.mail.from.trim(),
      dueInDays: dayList(f.mail.dueInDays),
      overdueAfterDays: dayList(f.mail.overdueAfterDays),
    },
  }
}

/** The number fields, by their form name. */
export const numberFields = [
  'billingSchedule.dayOfMonth',
  'draftGraceDays',
  'paymentTermsDays',
  'payments.processEveryMinutes',
  'payments.syncEveryMinutes',
  'payments.alertThreshold',
  'payments.retry.maxAttempts.exponential',
  'payments.retry.maxAttempts.immediate',
  'payments.retry.maxAttempts.fixed',
  'payments.retry.baseDelaySeconds',
  'payments.retry.maxDelaySeconds',
  'payments.retry.fixedIntervalSeconds',
  'mail.port',
] as const

const read = (form: SettingsForm, path: string): unknown =>
  path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], form)

/** Numbers that cannot be sent at all; the contract's schema judges everything else. */
export const settingsProblems = (form: SettingsForm): Record<string, string> =>
  Object.fromEntries(
    numberFields
      .filter((name) => !isWhole(String(read(form, name))))
      .map((name) => [name, 'must be a whole number']),
  )

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/** Only what changed, so a save never overwrites what another window saved meanwhile. */
export const changedSettings = (baseline: Settings, edited: EditedSettings): SettingsPatch => {
  const patch: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(edited))
    if (!same(value, baseline[key as keyof Settings])) patch[key] = value
  return patch
}

const placed =
  /^(companyName|companyAddress|companyEmail|taxId|businessTimeZone|defaultCurrency|taxRates(\.\d+\.(region|name|ratePercent))?|billingSchedule(\.(dayOfMonth|time))?|draftGraceDays|paymentTermsDays|invoicePrefix|creditNotePrefix|payments(\.retry)?|mail\.(host|security|user|from|dueInDays|overdueAfterDays))$/

/** The form field a server path lands on; block-wide ones show beside their block. */
export const placeSettingsError = (path: string): string | undefined =>
  placed.test(path) || (numberFields as readonly string[]).includes(path) ? path : undefined

/** What an invoice would be missing with these settings, as the PDF and finalizing see it. */
export const missingSetup = (s: Settings): { seller: boolean; tax: boolean } => ({
  // The same two fields finalizing warns about: the PDF's seller block is blank without them.
  seller: s.companyName === '' || s.companyAddress === '',
  tax: s.taxRates.length === 0 && s.defaultTaxRatePercent === null,
})
