import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import {
  atLeastZero,
  decimalString,
  isDecimal,
  plus,
  positiveDecimalString,
} from '../../../src-main/pricing/model'

const messageOf = (schema: ReturnType<typeof decimalString>, value: unknown) =>
  schema.safeParse(value).error?.issues.map((issue) => issue.message)

describe('decimal strings', () => {
  it.each(['0', '12', '0.0012', '100.50', '007'])('accepts %j', (text) => {
    expect(isDecimal(text)).toBe(true)
  })

  it.each(['', '.5', '5.', '1,5', '1x5', '1e3', '12 ', ' 12', '-1', '1.2.3'])(
    'refuses %j',
    (text) => {
      expect(isDecimal(text)).toBe(false)
    },
  )

  it.each<[unknown, string]>([
    [undefined, 'is required'],
    [12, 'must be a decimal number written as a string'],
    ['-5', 'must not be negative'],
    [' -5', 'must not be negative'],
    ['5-', 'must be a non-negative decimal number such as "12" or "0.0012"'],
    ['a-5', 'must be a non-negative decimal number such as "12" or "0.0012"'],
  ])('names %j: %s', (value, message) => {
    expect(messageOf(decimalString(), value)).toEqual([message])
    expect(messageOf(positiveDecimalString(), value)).toEqual([message])
  })

  it('requires a positive decimal to be more than zero', () => {
    expect(messageOf(positiveDecimalString(), '0')).toEqual(['must be greater than 0'])
    expect(positiveDecimalString().parse('0.001')).toBe('0.001')
    expect(decimalString().parse('0')).toBe('0')
  })
})

describe('decimal issues', () => {
  it('are custom zod issues, for a malformed, a negative and a zero decimal', () => {
    const codesOf = (schema: ReturnType<typeof decimalString>, value: string) =>
      schema.safeParse(value).error?.issues.map((issue) => issue.code)
    expect(codesOf(decimalString(), '1,5')).toEqual(['custom'])
    expect(codesOf(positiveDecimalString(), '-1')).toEqual(['custom'])
    expect(codesOf(positiveDecimalString(), '0')).toEqual(['custom'])
  })
})

describe('amount helpers', () => {
  it('never goes below zero', () => {
    expect(atLeastZero(new Big('-0.01')).toFixed()).toBe('0')
    expect(atLeastZero(new Big('0.01')).toFixed()).toBe('0.01')
  })

  it('adds, skipping only a zero', () => {
    expect(plus(new Big('1.5'), new Big('2')).toFixed()).toBe('3.5')
    expect(plus(new Big('1.5'), new Big('0')).toFixed()).toBe('1.5')
    expect(plus(new Big('1.5'), new Big('0.25')).toFixed()).toBe('1.75')
  })
})
