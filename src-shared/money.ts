import { code as iso4217 } from 'currency-codes'

/** An amount in a currency's minor unit (cents, yen, fils): always an integer, never a float. */
export type MinorAmount = number

/** Digits after the decimal point in the currency's minor unit, per ISO 4217 (USD 2, JPY 0, KWD 3). */
/** The table is searched linearly; a billing run asks for the same code thousands of times. */
const digitsByCode = new Map<string, number>()

export const minorUnitDigits = (currency: string): number => {
  const known = digitsByCode.get(currency)
  if (known !== undefined) return known
  const record = iso4217(currency)
  if (!record) throw new Error(`Unknown ISO 4217 currency code: ${currency}`)
  digitsByCode.set(currency, record.digits)
  return record.digits
}

export const isCurrency = (currency: string): boolean => iso4217(currency) !== undefined

/** Formats minor units for display only (never for arithmetic). */
export const formatMinor = (amount: MinorAmount, currency: string, locale?: string): string => {
  const digits = minorUnitDigits(currency)
  const sign = amount < 0 ? '-' : ''
  const text = Math.abs(amount)
    .toString()
    .padStart(digits + 1, '0')
  const decimal = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(`${sign}${decimal}` as unknown as number)
}

/**
 * Parses an amount written in major units ("49.90", "1200") into minor units, exactly, or returns
 * undefined if it is not a non-negative decimal with at most the currency's digits.
 */
export const parseMajor = (text: string, currency: string): MinorAmount | undefined => {
  const digits = minorUnitDigits(currency)
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim())
  if (!match) return undefined
  const [, whole = '0', fraction = ''] = match
  if (fraction.replace(/0+$/, '').length > digits) return undefined
  const minor = BigInt(whole + fraction.padEnd(digits, '0').slice(0, digits))
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : undefined
}

/** Minor units back to a major-unit decimal string ("49.90"), exactly. */
export const toMajor = (amount: MinorAmount, currency: string): string => {
  const digits = minorUnitDigits(currency)
  const sign = amount < 0 ? '-' : ''
  const text = Math.abs(amount)
    .toString()
    .padStart(digits + 1, '0')
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`
}

/**
 * An amount as plain text with its ISO code in front, for terminals, logs and messages read by
 * people of any locale: `USD 1,200.00`, `JPY 1,200`, `KWD -0.500`. Built from the integer's digits
 * (never a float), grouped by thousands; the exponent comes from ISO 4217.
 */
export const formatMoney = (amount: MinorAmount, currency: string): string => {
  const major = toMajor(amount, currency)
  const sign = major.startsWith('-') ? '-' : ''
  const [whole = '0', fraction] = major.slice(sign.length).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${currency} ${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`
}
