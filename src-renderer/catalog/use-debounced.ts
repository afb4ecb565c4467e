import { useEffect, useEffectEvent, useState } from 'react'

/**
 * The value as it was once it stopped changing for `delayMs`. Compared by its JSON so a value
 * rebuilt on every render (an object literal) does not restart the timer forever.
 */
export const useDebounced = <T>(value: T, delayMs: number): T => {
  const [settled, setSettled] = useState(value)
  const key = JSON.stringify(value)
  const settle = useEffectEvent(() => setSettled(value))
  useEffect(() => {
    const timer = setTimeout(settle, delayMs)
    return () => clearTimeout(timer)
  }, [key, delayMs])
  return settled
}
