import { describe, expect, it } from 'vitest'
import type { InvoiceLine } from '../../src-shared/domain/billing'
import {
  formatDate,
  formatDateTime,
  formatMinute,
  formatMoney,
  formatPeriod,
  formatQuantity,
  formatRate,
} from '../../src-renderer/format'
import { unitPrice } from '../../src-renderer/invoices/unit-price'

// Intl separates with thin and no-break spaces; the assertions are about words and digits.
const plain = (text: string): string => text.replace(/[\u00a0\u2009\u202f]/g, ' ')

const la = 'America/Los_Angeles'
/** November 2026 in Los Angeles: midnight PDT to midnight PST. In UTC it ends on 1 December. */
const november = ['2026-11-01T07:00:00.000Z', '2026-12-01T08:00:00.000Z'] as const

describe('the formatting module: one place, in the locale and the business time zone', () => {
  it.each([
    ['en-US', 'Nov 1 – 30, 2026'],
    ['de-DE', '1.–30. Nov. 2026'],
  ])('a billing period reads as its days in the business zone in %s', (locale, text) => {
    expect(plain(formatPeriod(...november, { locale, timeZone: la }))).toBe(text)
  })

  it('the same period read in UTC ends a day later: the zone decides the last day', () => {
    expect(plain(formatPeriod(...november, { locale: 'en-US', timeZone: 'UTC' }))).toBe(
      'Nov 1 – Dec 1, 2026',
    )
    expect(plain(formatPeriod(...november, { locale: 'de-DE', timeZone: 'UTC' }))).toBe(
      '1. Nov. – 1. Dez. 2026',
    )
  })

  it('a period given as calendar days keeps both days whatever the zone', () => {
    expect(plain(formatPeriod('2026-11-01', '2026-11-30', { locale: 'en-US', timeZone: la }))).toBe(
      'Nov 1 – 30, 2026',
    )
  })

  it.each([
    ['en-US', 'Oct 31, 2026', 'Nov 1, 2026'],
    ['de-DE', '31.10.2026', '01.11.2026'],
  ])('a date: an instant in the business zone, a calendar day as written (%s)', (l, at, day) => {
    // "Billed through 2026-11-01T00:00:00.000Z" is still 31 October in Los Angeles.
    expect(formatDate('2026-11-01T00:00:00.000Z', { locale: l, timeZone: la })).toBe(at)
    expect(formatDate('2026-11-01', { locale: l, timeZone: la })).toBe(day)
  })

  it.each([
    ['en-US', 'Nov 1, 2026, 9:30:05 AM', 'Nov 1, 2026, 5:30 PM'],
    ['de-DE', '01.11.2026, 09:30:05', '01.11.2026, 17:30'],
  ])('date-times to the second and to the minute (%s)', (locale, second, minute) => {
    expect(plain(formatDateTime('2026-11-01T17:30:05.000Z', { locale, timeZone: la }))).toBe(second)
    expect(plain(formatMinute('2026-11-01T17:30:05.000Z', { locale, timeZone: 'UTC' }))).toBe(
      minute,
    )
  })

  it('shows what it cannot parse as received, and reads an unknown zone as UTC', () => {
    expect(formatDate('not a date', { locale: 'en-US' })).toBe('not a date')
    expect(formatDate('2026-11-01T00:00:00.000Z', { locale: 'en-US', timeZone: 'Mars/Base' })).toBe(
      'Nov 1, 2026',
    )
  })

  it.each([
    ['en-US', '1234567.000000000000000000000001', '1,234,567.000000000000000000000001'],
    ['de-DE', '1234567.000000000000000000000001', '1.234.567,000000000000000000000001'],
    ['en-US', '2.50', '2.5'],
    ['de-DE', '-12345', '-12.345'],
  ])('a quantity in %s groups thousands and keeps every digit: %s', (locale, value, text) => {
    expect(formatQuantity(value, { locale })).toBe(text)
  })

  it.each([
    ['en-US', '20', 'USD', '20.00'],
    ['de-DE', '20', 'USD', '20,00'],
    ['en-US', '0.0015', 'USD', '0.0015'],
    ['de-DE', '1500', 'JPY', '1.500'],
  ])('a rate in %s: %s %s reads %s (the currency digits, finer ones kept)', (l, r, c, text) => {
    expect(formatRate(r, c, { locale: l })).toBe(text)
  })

  it.each([
    ['en-US', 123456, 'EUR', '€1,234.56'],
    ['de-DE', 123456, 'EUR', '1.234,56 €'],
    ['en-US', -5, 'USD', '-$0.05'],
    ['de-DE', 1500, 'JPY', '1.500 ¥'],
  ])('money in %s: %i %s reads %s', (locale, minor, currency, text) => {
    expect(plain(formatMoney(minor, currency, { locale }))).toBe(text)
  })
})

describe('an invoice line’s unit price', () => {
  const line = (patch: Partial<InvoiceLine>): InvoiceLine => ({
    id: 1,
    position: 1,
    kind: 'usage',
    featureCode: 'sms',
    description: 'SMS: 1,201 used, in packages of 500',
    quantity: '3',
    unit: 'package',
    unitAmount: '20',
    amountMinor: 6000,
    breakdown: [row],
    periodStart: '2026-11-01T00:00:00.000Z',
    periodEnd: '2026-12-01T00:00:00.000Z',
    ...patch,
  })
  const row = {
    from: '0',
    to: null,
    units: '3',
    unit_amount: '20',
    flat_amount: '0',
    subtotal: '60',
  }

  it('a package line shows the package price per package size, not "tiered"', () => {
    const packaged = line({ breakdown: [{ ...row, block_size: '500' }] })
    expect(unitPrice(packaged, 'USD', { locale: 'en-US' })).toBe('20.00 per 500')
    expect(unitPrice(packaged, 'EUR', { locale: 'de-DE' })).toBe('20,00 per 500')
    // Invoices computed before the size was recorded still say what the price is for.
    expect(unitPrice(line({}), 'USD', { locale: 'en-US' })).toBe('20.00 per package')
  })

  it('a single rate keeps its finer digits; a line priced in tiers points at its breakdown', () => {
    expect(unitPrice(line({ unit: null, unitAmount: '0.0015' }), 'USD', { locale: 'en-US' })).toBe(
      '0.0015',
    )
    expect(unitPrice(line({ unit: null, unitAmount: null }), 'USD')).toBe('see breakdown')
  })
})
