/**
 * The two fields of a usage event that need more than presence: the quantity, turned into exact
 * integer millionths by string operations (no float ever holds it), and the timestamp, normalised
 * to UTC and stored as milliseconds since 1970. Both run once per imported row, so they avoid
 * allocations on the common shapes.
 */

/** The largest quantity_micros SQLite's INTEGER holds. */
const MAX_MICROS = 9_223_372_036_854_775_807n
const MICROS_DIGITS = 6

/** Exact millionths, or why the text is not a quantity. */
export type QuantityResult = number | bigint | { error: string }

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/

const isDigits = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

/**
 * A non-negative decimal (an exponent is allowed, as JSON numbers may carry one) as an exact
 * count of millionths. Trailing zeros do not count as decimal places: `1.5000000` is 1.5.
 */
export const parseQuantity = (text: string): QuantityResult => {
  // Most quantities are small whole numbers: no regex, no intermediate strings.
  if (text.length > 0 && text.length <= 9 && isDigits(text)) return Number(text) * 1_000_000
  const match = DECIMAL.exec(text)
  if (!match || (match[2] === '' && (match[3] ?? '') === ''))
    return { error: 'is not a number (write a decimal with a dot, e.g. 12.5)' }
  const [, sign, whole = '', fraction = '', exponentText] = match
  let digits = `${whole}${fraction}`
  // Where the decimal point sits in `digits`, counted from the left.
  let point = whole.length + (exponentText ? Number(exponentText) : 0)
  if (point < 0) {
    digits = `${'0'.repeat(-point)}${digits}`
    point = 0
  }
  if (point > digits.length) {
    digits = digits.padEnd(point, '0')
  }
  const intPart = digits.slice(0, point)
  const fracPart = digits.slice(point).replace(/0+$/, '')
  const isZero = /^0*$/.test(intPart) && fracPart === ''
  if (sign === '-' && !isZero) return { error: 'is negative' }
  if (fracPart.length > MICROS_DIGITS)
    return { error: `has more than ${MICROS_DIGITS} decimal places` }
  const microsText = `${intPart}${fracPart.padEnd(MICROS_DIGITS, '0')}`.replace(/^0+(?=\d)/, '')
  if (microsText.length <= 15) return Number(microsText)
  const micros = BigInt(microsText)
  if (micros > MAX_MICROS) return { error: 'is too large' }
  return micros <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(micros) : micros
}

/** The instant in the ledger's form, or why the text is not one. */
export type TimestampResult = string | { error: string }

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/

const digit = (text: string, i: number): number => {
  const c = text.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : NaN
}
const two = (text: string, i: number): number => digit(text, i) * 10 + digit(text, i + 1)

/**
 * The shapes exports nearly always use, `YYYY-MM-DDTHH:MM:SSZ` and `…SS.sssZ`, checked and read
 * by character codes, without a regex or a new string per row. Null for any other shape (the
 * general parser then decides).
 */
const canonicalMs = (text: string): number | null => {
  const length = text.length
  if ((length !== 20 && length !== 24) || text.charCodeAt(length - 1) !== 90) return null
  if (
    text[4] !== '-' ||
    text[7] !== '-' ||
    text[10] !== 'T' ||
    text[13] !== ':' ||
    text[16] !== ':'
  )
    return null
  const millis = length === 24 ? two(text, 20) * 10 + digit(text, 22) : 0
  if (length === 24 && (text[19] !== '.' || Number.isNaN(millis))) return null
  const year = two(text, 0) * 100 + two(text, 2)
  const month = two(text, 5)
  const day = two(text, 8)
  if (!(year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month)))
    return null
  const hour = two(text, 11)
  const minute = two(text, 14)
  const second = two(text, 17)
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return null
  return (
    daysSince1970(year, month, day) * 86_400_000 +
    hour * 3_600_000 +
    minute * 60_000 +
    second * 1000 +
    millis
  )
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (years from 1900 on), by
 * arithmetic alone (H. Hinnant's days_from_civil): on a million rows, Date.UTC cost half a second.
 */
const daysSince1970 = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

const daysIn = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31

/**
 * An ISO 8601 instant with an offset or `Z`, as milliseconds since 1970 UTC (how the ledger
 * stores instants). A local time without an offset is refused: it would be read differently on
 * machines in different zones. Fractions beyond milliseconds are dropped (truncated), like
 * JavaScript's own dates.
 */
export const parseInstant = (text: string): number | { error: string } => {
  const canonical = canonicalMs(text)
  if (canonical !== null) return canonical
  const m = TIMESTAMP.exec(text)
  if (!m) return { error: 'is not an ISO 8601 timestamp (e.g. 2026-11-01T09:30:00Z)' }
  const [, y, mo, d, h, mi, s = '00', fraction = '', zulu, offsetSign, offH, offM = '00'] = m
  if (!zulu && !offsetSign)
    return { error: 'has no time zone offset (end it with Z or an offset such as +01:00)' }
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(s)
  const offsetMinutes = offsetSign ? Number(offH) * 60 + Number(offM) : 0
  if (
    year < 1900 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    Number(offH ?? 0) > 23 ||
    Number(offM) > 59
  )
    return { error: 'is not a valid date and time' }
  const millis = Number(fraction.length >= 3 ? fraction.slice(0, 3) : fraction.padEnd(3, '0'))
  const sign = offsetSign === '-' ? -1 : 1
  return (
    Date.UTC(year, month - 1, day, hour, minute, second, millis) - sign * offsetMinutes * 60_000
  )
}

/** The same instant as UTC ISO 8601 text, `YYYY-MM-DDTHH:MM:SS.sssZ`, or why it is not one. */
export const parseTimestamp = (text: string): TimestampResult => {
  const ms = parseInstant(text)
  return typeof ms === 'number' ? new Date(ms).toISOString() : ms
}

/**
 * An instant or date (`YYYY-MM-DD`, meaning its UTC midnight) as UTC ISO 8601 text, the form
 * the ledger's other tables store instants in (usage events store milliseconds).
 */
export const normaliseInstant = (text: string): string | null => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00.000Z`
  const parsed = parseTimestamp(text)
  if (typeof parsed === 'string') return parsed
  const time = Date.parse(text)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

/** An instant or date given as text (a query's bound, a stored date) in milliseconds since 1970. */
export const instantMs = (text: string): number | null => {
  const normalised = normaliseInstant(text)
  return normalised === null ? null : Date.parse(normalised)
}
