import { z } from 'zod'
import { defaultMailSettings, MailSettingsSchema } from './mail'

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const currencies = new Set(Intl.supportedValuesOf('currency'))

const seconds = (max: number) => z.int().min(1, 'must be at least 1').max(max)
const attempts = z.int().min(1, 'must be 1 to 50').max(50, 'must be 1 to 50')

export const PaymentSettingsSchema = z
  .strictObject({
    /** Push and collect finalized invoices automatically when they are finalized. */
    autoCollect: z.boolean(),
    /** Minutes between passes over the outbox and the due retries while the app is open. */
    processEveryMinutes: z.int().min(1).max(1440),
    /** Minutes between polls of Stripe's events while the app is open. */
    syncEveryMinutes: z.int().min(1).max(1440),
    /** The badge and a notification when unresolved failures reach this many. */
    alertThreshold: z.int().min(1).max(100_000),
    retry: z.strictObject({
      /** Attempts before a record waits for a person, per automatic strategy. */
      maxAttempts: z.strictObject({ exponential: attempts, immediate: attempts, fixed: attempts }),
      /** Exponential backoff: first delay and cap. */
      baseDelaySeconds: seconds(86_400),
      maxDelaySeconds: seconds(7 * 86_400),
      /** Fixed interval between attempts (e.g. a resource locked for a while). */
      fixedIntervalSeconds: seconds(86_400),
    }),
  })
  .refine(
    (p) => p.retry.maxDelaySeconds >= p.retry.baseDelaySeconds,
    'the maximum delay must not be shorter than the first delay',
  )
export type PaymentSettings = z.infer<typeof PaymentSettingsSchema>

export const defaultPaymentSettings: PaymentSettings = {
  autoCollect: false,
  processEveryMinutes: 5,
  syncEveryMinutes: 15,
  alertThreshold: 10,
  retry: {
    maxAttempts: { exponential: 6, immediate: 3, fixed: 5 },
    baseDelaySeconds: 60,
    maxDelaySeconds: 6 * 3600,
    fixedIntervalSeconds: 900,
  },
}

const TaxPercent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,6})?$/, 'must be a percentage such as 19 or 8.875')

const HeaderText = z.string().max(200).nullable()

export const CatalogDocumentHeaderSchema = z.strictObject({
  version: HeaderText,
  effectiveDate: HeaderText,
  meteringWindow: HeaderText,
  roundingRule: HeaderText,
})
export type CatalogDocumentHeader = z.infer<typeof CatalogDocumentHeaderSchema>

/** The business-wide settings: seller details printed on invoices and the clock billing runs by. */
export const SettingsSchema = z.strictObject({
  companyName: z.string().trim().max(200),
  companyAddress: z.string().trim().max(1000),
  companyEmail: z.union([z.literal(''), z.email('must be a valid email address')]),
  taxId: z.string().trim().max(64),
  businessTimeZone: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
  defaultCurrency: z
    .string()
    .refine((code) => currencies.has(code), 'must be an ISO 4217 currency code such as USD'),
  /** Tax rates per region (the customer's tax region picks one); never a rate in code. */
  taxRates: z
    .array(
      z.strictObject({
        region: z.string().trim().min(1, 'must not be empty').max(64),
        name: z.string().trim().min(1, 'must not be empty').max(100),
        /** Percent as a decimal string, e.g. "19" or "8.875". */
        ratePercent: TaxPercent,
      }),
    )
    .refine(
      (rates) => new Set(rates.map((r) => r.region)).size === rates.length,
      'must list each region once',
    ),
  /** The rate of a region with no rate of its own (percent, like taxRates); null: no tax. */
  defaultTaxRatePercent: TaxPercent.nullable(),
  /** Customers of these regions are tax-exempt whatever their own flag says. */
  taxExemptRegions: z.array(z.string().trim().min(1, 'must not be empty').max(64)).max(500),
  /**
   * The header of the last catalog document imported, as written, so an export gives it back
   * (`version: "2.1"`, `roundingRule: "ceil"`); null fields were not in the document.
   */
  catalogDocument: CatalogDocumentHeaderSchema.nullable(),
  /** When billing runs by itself while the app is open (business time zone). */
  billingSchedule: z.strictObject({
    enabled: z.boolean(),
    dayOfMonth: z.int().min(1, 'must be 1 to 28').max(28, 'must be 1 to 28'),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM'),
  }),
  /** Days a draft waits for review before it is finalized automatically. */
  draftGraceDays: z.int().min(0).max(90),
  /** Days from finalization to the due date. */
  paymentTermsDays: z.int().min(0).max(365),
  /** Invoice numbers read PREFIX-YEAR-000123; credit notes use their own prefix. */
  invoicePrefix: z.string().regex(/^[A-Z0-9]{1,8}$/, 'must be 1 to 8 capital letters or digits'),
  creditNotePrefix: z.string().regex(/^[A-Z0-9]{1,8}$/, 'must be 1 to 8 capital letters or digits'),
  /** Stripe: how often the app sends and polls, and how failed operations are retried. */
  payments: PaymentSettingsSchema,
  /** Sending invoices and reminders by email: the SMTP server and the reminder sequence. */
  mail: MailSettingsSchema,
})
export type Settings = z.infer<typeof SettingsSchema>

export const SettingsPatchSchema = SettingsSchema.partial().refine(
  (patch) => Object.values(patch).some((value) => value !== undefined),
  'name at least one setting to change',
)
export type SettingsPatch = z.input<typeof SettingsPatchSchema>

export const defaultSettings: Settings = {
  companyName: '',
  companyAddress: '',
  companyEmail: '',
  taxId: '',
  businessTimeZone: 'UTC',
  defaultCurrency: 'USD',
  taxRates: [],
  defaultTaxRatePercent: null,
  taxExemptRegions: [],
  catalogDocument: null,
  billingSchedule: { enabled: false, dayOfMonth: 1, time: '02:00' },
  draftGraceDays: 3,
  paymentTermsDays: 14,
  invoicePrefix: 'MB',
  creditNotePrefix: 'CN',
  payments: defaultPaymentSettings,
  mail: defaultMailSettings,
}
