import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { formatPath, validationError } from '../../src-main/ipc/validation'
import { SettingsPatchSchema } from '../../src-shared/domain/settings'

describe('validation errors', () => {
  it('formats paths as a person reads them', () => {
    expect(formatPath(['plans', 2, 'features', 0, 'pricing', 'tiers', 1, 'up_to'])).toBe(
      'plans[2].features[0].pricing.tiers[1].up_to',
    )
    expect(formatPath([])).toBe('')
  })

  it('names each offending field with its reason', () => {
    const parsed = SettingsPatchSchema.safeParse({
      companyEmail: 'nope',
      businessTimeZone: 'Mars/Olympus',
    })
    expect(parsed.success).toBe(false)
    const error = validationError('settings:update', parsed.error!)
    expect(error.code).toBe('validation_failed')
    expect(error.fields).toEqual({
      companyEmail: 'must be a valid email address',
      businessTimeZone: 'must be an IANA time zone such as Europe/Berlin',
    })
    expect(error.message).toContain('companyEmail: must be a valid email address')
  })

  it('reports unknown keys under their own names', () => {
    const parsed = SettingsPatchSchema.safeParse({ companyName: 'Acme', colour: 'red' })
    expect(validationError('settings:update', parsed.error!).fields).toEqual({
      colour: 'is not a known field',
    })
  })

  it('refuses a change that changes nothing', () => {
    const parsed = SettingsPatchSchema.safeParse({})
    expect(validationError('settings:update', parsed.error!).fields).toEqual({
      '(input)': 'name at least one setting to change',
    })
  })

  it('reports a wrong top-level type against the input itself', () => {
    const parsed = z.strictObject({ a: z.string() }).safeParse('text')
    expect(Object.keys(validationError('x:y', parsed.error!).fields ?? {})).toEqual(['(input)'])
  })
})
