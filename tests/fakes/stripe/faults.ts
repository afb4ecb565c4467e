import type { Fault, FaultOptions } from './types'

type Injected = { fault: Fault; remaining: number; match: FaultOptions['match'] }

/** mulberry32: tiny, fast and good enough to make soak runs reproducible from a seed. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type FaultPlan = {
  inject(fault: Fault, options?: FaultOptions): void
  setRate(rate: number, faults: Fault[], seed: number): void
  /** The fault for this request, if any: injected ones first (in order), then the random rate. */
  take(req: { method: string; path: string }): Fault | undefined
}

export const createFaultPlan = (): FaultPlan => {
  const injected: Injected[] = []
  let random: { rate: number; faults: Fault[]; next: () => number } | null = null
  return {
    inject: (fault, options = {}) => {
      const times = options.times ?? 1
      if (!Number.isInteger(times) || times < 1) throw new Error(`times must be >= 1, got ${times}`)
      injected.push({ fault, remaining: times, match: options.match })
    },
    setRate: (rate, faults, seed) => {
      if (!(rate >= 0 && rate <= 1)) throw new Error(`fault rate must be within 0..1, got ${rate}`)
      random =
        rate > 0 && faults.length > 0
          ? { rate, faults: [...faults], next: seededRandom(seed) }
          : null
    },
    take: (req) => {
      // Drawn for every request, faulted or not, so the sequence depends only on request order.
      const roll = random === null ? null : ([random.next(), random.next()] as const)
      const index = injected.findIndex((f) => f.match?.(req) ?? true)
      const hit = injected[index]
      if (hit !== undefined) {
        hit.remaining -= 1
        if (hit.remaining === 0) injected.splice(index, 1)
        return hit.fault
      }
      if (random === null || roll === null || roll[0] >= random.rate) return undefined
      return random.faults[Math.floor(roll[1] * random.faults.length)]
    },
  }
}
