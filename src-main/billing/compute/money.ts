import Big from 'big.js'
import type { RoundingRule } from '../../../src-shared/domain/pricing'
import { toMajor } from '../../../src-shared/money'
import { roundToMinor } from '../../pricing'
import type { ComputedLine } from './types'

/** Minor units as an exact major-unit Big (1999 USD → 19.99): what roundToMinor rounds back. */
export const majorOf = (amountMinor: number, currency: string): Big =>
  new Big(toMajor(amountMinor, currency))

/**
 * `amountMinor × part / whole`, rounded once by `rule`: proration by days, and the minimum
 * commitment's share of a partial period. The whole amount when the part is the whole, so a
 * full period never carries a rounding.
 */
export const share = (
  amountMinor: number,
  part: number,
  whole: number,
  currency: string,
  rule: RoundingRule,
): number =>
  part === whole
    ? amountMinor
    : roundToMinor(majorOf(amountMinor, currency).times(part).div(whole), currency, rule)

/** A fee's unit amount: quantity '1' at the line's amount, in major units. */
export const feeUnitAmount = (amountMinor: number, currency: string): string =>
  toMajor(amountMinor, currency)

export const sumOf = (lines: readonly Pick<ComputedLine, 'amountMinor'>[]): number =>
  lines.reduce((sum, line) => sum + line.amountMinor, 0)
