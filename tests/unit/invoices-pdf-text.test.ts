import { describe, expect, it } from 'vitest'
import { exactDecimal, groupDigits } from '../../src-main/invoices/pdf/invoice-pdf'
import { money, printable } from '../../src-main/invoices/pdf/pdf-kit'

describe('text the built-in PDF fonts can draw', () => {
  it('keeps Latin-1 and Windows-1252 characters and marks the others instead of misdrawing them', () => {
    expect(printable('Zoë Müller – “Café” € 東京')).toBe('Zoë Müller – “Café” € ??')
    expect(printable('line one\r\nline two')).toBe('line one\nline two')
  })

  it.each([
    [123_450, 'EUR', '€1,234.50'],
    [-500, 'USD', '-$5.00'],
    [1_234, 'JPY', '¥1,234'],
    [1_234_567, 'KWD', 'KWD 1,234.567'],
    // The rupee sign is not in the fonts: the code stands in for it.
    [123_450, 'INR', '1234.50 INR'],
  ])('%i minor units of %s print as %s', (minor, currency, text) => {
    expect(money(minor, currency).replace(/\u00a0/g, ' ')).toBe(text)
  })
})

describe('exact decimals on invoices', () => {
  it.each([
    ['1234567.5', '1,234,567.5'],
    ['999', '999'],
    ['1000', '1,000'],
  ])('groups %s as %s', (decimal, text) => {
    expect(groupDigits(decimal)).toBe(text)
  })

  it.each([
    ['0', 'USD', '0.00'],
    ['0.00001', 'USD', '0.00001'],
    ['17.335675', 'EUR', '17.335675'],
    ['-5', 'USD', '-5.00'],
    ['1500', 'JPY', '1,500'],
  ])('shows %s %s as %s, padded but never rounded', (decimal, currency, text) => {
    expect(exactDecimal(decimal, currency)).toBe(text)
  })
})
