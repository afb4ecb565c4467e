import { z } from 'zod'

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const currencies = new Set(Intl.supportedValuesOf('currency'))

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
}
