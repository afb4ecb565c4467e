import type { Settings, SettingsPatch } from '../../src-shared/domain/settings'

/** The billing settings as typed: numbers stay text until saved, so a half-typed one is kept. */
export type BillingDraft = {
  taxRates: Settings['taxRates']
  scheduleEnabled: boolean
  dayOfMonth: string
  time: string
  draftGraceDays: string
  paymentTermsDays: string
  invoicePrefix: string
  creditNotePrefix: string
}

export const billingDraftOf = (settings: Settings): BillingDraft => ({
  taxRates: settings.taxRates,
  scheduleEnabled: settings.billingSchedule.enabled,
  dayOfMonth: String(settings.billingSchedule.dayOfMonth),
  time: settings.billingSchedule.time,
  draftGraceDays: String(settings.draftGraceDays),
  paymentTermsDays: String(settings.paymentTermsDays),
  invoicePrefix: settings.invoicePrefix,
  creditNotePrefix: settings.creditNotePrefix,
})

const wholeNumber = (text: string): number | undefined =>
  /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined

/** Fields that cannot even be sent (not a whole number), keyed as the patch. */
export const draftProblems = (draft: BillingDraft): Record<string, string> => {
  const problems: Record<string, string> = {}
  if (wholeNumber(draft.dayOfMonth) === undefined)
    problems['billingSchedule.dayOfMonth'] = 'must be 1 to 28'
  if (wholeNumber(draft.draftGraceDays) === undefined)
    problems['draftGraceDays'] = 'must be a whole number of days'
  if (wholeNumber(draft.paymentTermsDays) === undefined)
    problems['paymentTermsDays'] = 'must be a whole number of days'
  return problems
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/** What changed, as a partial patch; undefined while a number cannot be sent. */
export const billingPatch = (from: Settings, draft: BillingDraft): SettingsPatch | undefined => {
  const dayOfMonth = wholeNumber(draft.dayOfMonth)
  const draftGraceDays = wholeNumber(draft.draftGraceDays)
  const paymentTermsDays = wholeNumber(draft.paymentTermsDays)
  if (dayOfMonth === undefined || draftGraceDays === undefined || paymentTermsDays === undefined)
    return undefined
  const taxRates = draft.taxRates.map((rate) => ({
    region: rate.region.trim(),
    name: rate.name.trim(),
    ratePercent: rate.ratePercent.trim(),
  }))
  const billingSchedule = { enabled: draft.scheduleEnabled, dayOfMonth, time: draft.time }
  const patch: SettingsPatch = {}
  if (!same(taxRates, from.taxRates)) patch.taxRates = taxRates
  if (!same(billingSchedule, from.billingSchedule)) patch.billingSchedule = billingSchedule
  if (draftGraceDays !== from.draftGraceDays) patch.draftGraceDays = draftGraceDays
  if (paymentTermsDays !== from.paymentTermsDays) patch.paymentTermsDays = paymentTermsDays
  if (draft.invoicePrefix !== from.invoicePrefix) patch.invoicePrefix = draft.invoicePrefix
  if (draft.creditNotePrefix !== from.creditNotePrefix)
    patch.creditNotePrefix = draft.creditNotePrefix
  return patch
}
