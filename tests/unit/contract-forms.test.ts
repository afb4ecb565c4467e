import { describe, expect, it } from 'vitest'
import { CreditInputSchema } from '../../src-shared/domain/billing'
import { CustomerInputSchema } from '../../src-shared/domain/customers'
import { defaultSettings } from '../../src-shared/domain/settings'
import { emptyForm, placeCustomerError, toInput } from '../../src-renderer/customers/customer-form'
import { creditInputOf, creditProblems } from '../../src-renderer/customers/ledger-forms'
import { contractResolver } from '../../src-renderer/form/contract-resolver'
import { placeServerErrors } from '../../src-renderer/form/server-errors'
import {
  EditedSettingsSchema,
  changedSettings,
  missingSetup,
  settingsFormOf,
  settingsInputOf,
  settingsProblems,
  type SettingsForm,
} from '../../src-renderer/settings/settings-values'

const options = { fields: {}, shouldUseNativeValidation: false } as const

const customerResolver = contractResolver(
  CustomerInputSchema,
  (form: ReturnType<typeof emptyForm>) => toInput(form, undefined),
)

const creditResolver = contractResolver(
  CreditInputSchema,
  (form: Parameters<typeof creditProblems>[0]) => creditInputOf('acme', 'USD', form),
  { rename: { amountMinor: 'amount' }, problems: (form) => creditProblems(form, 'USD') },
)

const credit = (amount: string) => ({ kind: 'grant' as const, amount, expiresOn: '', note: '' })

describe('forms validated by the contract schema', () => {
  it("shows the contract's own messages under the customer form's fields, nested ones included", async () => {
    const form = {
      ...emptyForm('2026-12-07'),
      externalId: 'acme corp',
      name: 'Acme',
      email: 'billing-at-acme',
      subscription: {
        planId: 'pro',
        startDate: '2026-12-07',
        billingAnchorDay: '40',
        trialEnd: '',
      },
    }
    const result = await customerResolver(form, undefined, options)
    expect(result.errors.externalId?.message).toBe('must not contain spaces, commas or semicolons')
    expect(result.errors.email?.message).toBe('must be a valid email address')
    expect(result.errors.subscription?.billingAnchorDay?.message).toBe('must be 1 to 31')
    expect(result.errors.name).toBeUndefined()
  })

  it('hands a valid customer form to the submit as the parsed contract input', async () => {
    const form = { ...emptyForm('2026-12-07'), externalId: ' acme ', name: 'Acme', currency: 'EUR' }
    const result = await customerResolver(form, undefined, options)
    expect(result.errors).toEqual({})
    expect(result.values).toMatchObject({ externalId: 'acme', name: 'Acme', currency: 'EUR' })
  })

  it('converts a credit typed in major units exactly, and says why one that does not parse is refused', async () => {
    const ok = await creditResolver(credit('1234567.89'), undefined, options)
    expect(ok.errors).toEqual({})
    expect(ok.values).toMatchObject({ amountMinor: 123456789, expiresOn: null })

    const tooPrecise = await creditResolver(credit('25.505'), undefined, options)
    expect(tooPrecise.errors.amount?.message).toBe('An amount in USD such as 25.00')

    // The schema's own message, found under the field the person typed into.
    const zero = await creditResolver(credit('0'), undefined, options)
    expect(zero.errors.amount?.message).toBe('must be more than zero')
  })
})

describe('server field errors placed on the form', () => {
  it('maps server paths onto form fields and keeps the error on screen when one has no field', () => {
    const error = {
      code: 'validation_failed',
      fields: { 'subscription.planVersion': 'no such version', email: 'taken' },
    }
    expect(placeServerErrors(error, placeCustomerError)).toEqual({
      fields: { 'subscription.planId': 'no such version', email: 'taken' },
      unplaced: false,
    })
    const stray = { code: 'validation_failed', fields: { overrides: 'bad', name: 'empty' } }
    expect(placeServerErrors(stray, placeCustomerError)).toEqual({
      fields: { name: 'empty' },
      unplaced: true,
    })
    expect(placeServerErrors({ code: 'conflict', message: 'x' }, placeCustomerError).unplaced).toBe(
      true,
    )
  })

  it('reads array paths as the form names them', () => {
    const error = { code: 'validation_failed', fields: { 'taxRates[1].ratePercent': 'bad rate' } }
    expect(placeServerErrors(error, (path) => path)).toEqual({
      fields: { 'taxRates.1.ratePercent': 'bad rate' },
      unplaced: false,
    })
  })
})

describe('the settings form', () => {
  const typed = (change: (form: SettingsForm) => void): SettingsForm => {
    const form = settingsFormOf(defaultSettings)
    change(form)
    return form
  }

  it('sends only the settings that changed, numbers converted, from every section in one patch', () => {
    const form = typed((f) => {
      f.companyName = 'Acme Analytics GmbH'
      f.draftGraceDays = '5'
      f.payments.retry.maxAttempts.fixed = '7'
    })
    const patch = changedSettings(
      defaultSettings,
      EditedSettingsSchema.parse(settingsInputOf(form)),
    )
    expect(patch).toEqual({
      companyName: 'Acme Analytics GmbH',
      draftGraceDays: 5,
      payments: {
        ...defaultSettings.payments,
        retry: {
          ...defaultSettings.payments.retry,
          maxAttempts: { ...defaultSettings.payments.retry.maxAttempts, fixed: 7 },
        },
      },
    })
  })

  it('says a half-typed number is not a whole number rather than sending it', () => {
    const form = typed((f) => {
      f.paymentTermsDays = '14.5'
      f.payments.alertThreshold = ''
    })
    expect(settingsProblems(form)).toEqual({
      paymentTermsDays: 'must be a whole number',
      'payments.alertThreshold': 'must be a whole number',
    })
  })

  it('asks for the seller details and a tax rate until invoices would print them', () => {
    expect(missingSetup(defaultSettings)).toEqual({ seller: true, tax: true })
    const named = { ...defaultSettings, companyName: 'Acme', companyAddress: '' }
    expect(missingSetup(named).seller).toBe(true)
    const ready = {
      ...named,
      companyAddress: 'Hauptstraße 1',
      taxRates: [{ region: 'DE', name: 'VAT', ratePercent: '19' }],
    }
    expect(missingSetup(ready)).toEqual({ seller: false, tax: false })
    // A default rate charges tax in every region, so it is enough.
    expect(missingSetup({ ...named, defaultTaxRatePercent: '20' }).tax).toBe(false)
  })
})
