/**
 * Usage quantities are stored as exact integer millionths ("micros") so the ledger can sum them
 * in SQL without floats. These convert between that and decimal strings, by string operations.
 */
export const QUANTITY_DECIMALS = 6

/** "12.5" → 12500000; undefined for anything that is not a non-negative decimal of ≤ 6 places. */
export const toMicros = (text: string): number | undefined => {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text)
  if (!match) return undefined
  const micros = Number(`${match[1] ?? '0'}${(match[2] ?? '').padEnd(QUANTITY_DECIMALS, '0')}`)
  return Number.isSafeInteger(micros) ? micros : undefined
}

/** 12500000 → "12.5": the shortest exact decimal. */
export const fromMicros = (micros: number | bigint): string => {
  const text = micros.toString().padStart(QUANTITY_DECIMALS + 1, '0')
  const whole = text.slice(0, -QUANTITY_DECIMALS)
  const fraction = text.slice(-QUANTITY_DECIMALS).replace(/0+$/, '')
  return fraction ? `${whole}.${fraction}` : whole
}
