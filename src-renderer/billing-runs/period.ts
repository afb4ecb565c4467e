/** The month before the one `now` falls in, in `timeZone`, as YYYY-MM (the usual period to bill). */
export const lastMonth = (timeZone: string, now: Date = new Date()): string => {
  let parts: Intl.DateTimeFormatPart[]
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
    }).formatToParts(now)
  } catch {
    // An unknown zone (settings not loaded yet, or a bad one saved): UTC is the server's fallback.
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
    }).formatToParts(now)
  }
  const year = Number(parts.find((part) => part.type === 'year')?.value)
  const month = Number(parts.find((part) => part.type === 'month')?.value)
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1]
  return `${y}-${String(m).padStart(2, '0')}`
}

/** "2,5 s", "3 min 04 s": how long a run took, from milliseconds. */
export const formatDuration = (ms: number | null): string => {
  if (ms === null) return '—'
  if (ms < 1000) return `${ms} ms`
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  const whole = Math.round(seconds)
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`
}
