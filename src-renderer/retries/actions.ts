import type { FailureAction } from '../../src-shared/domain/payments'

export type ActionKind = FailureAction['kind']

type ActionLook = {
  /** The button and the dialog's title. */
  label: string
  /** What happens, said before it does. */
  effect: string
  /** What to say once done, e.g. "Resolved 2 failures". */
  done: (failures: string) => string
  destructive?: boolean
}

export const actionLooks: Record<ActionKind, ActionLook> = {
  'retry-now': {
    label: 'Retry now',
    effect:
      'Attempted at the next processing pass, even when it waits for a person or is snoozed. Press “Process now” to run that pass at once.',
    done: (failures) => `Queued ${failures} for retry`,
  },
  'change-strategy': {
    label: 'Change strategy',
    effect:
      'The attempts so far are kept; an automatic strategy gets at least one more attempt, scheduled from now.',
    done: (failures) => `Changed the strategy of ${failures}`,
  },
  snooze: {
    label: 'Snooze',
    effect: 'No attempt is made before the chosen time.',
    done: (failures) => `Snoozed ${failures}`,
  },
  resolve: {
    label: 'Mark resolved',
    effect:
      'Settled some other way: nothing more is sent to Stripe for it. A failed payment’s invoice is marked paid.',
    done: (failures) => `Resolved ${failures}`,
  },
  'write-off': {
    label: 'Write off',
    effect:
      'Given up: nothing more is sent to Stripe for it, and a failed payment’s invoice becomes uncollectible.',
    done: (failures) => `Wrote off ${failures}`,
    destructive: true,
  },
}

export const actionOrder: readonly ActionKind[] = [
  'retry-now',
  'change-strategy',
  'snooze',
  'resolve',
  'write-off',
]

export const failuresLabel = (count: number): string => `${count} failure${count === 1 ? '' : 's'}`

const pad = (n: number): string => String(n).padStart(2, '0')

/** A `datetime-local` value for a local time. */
export const localInputValue = (date: Date): string =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`

/** Tomorrow at 09:00 local time: the usual "look at it again tomorrow". */
export const defaultSnooze = (now = new Date()): string =>
  localInputValue(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0))

/** The ISO instant of a `datetime-local` value, if it is one and lies in the future. */
export const futureInstant = (value: string, now = Date.now()): string | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined
  const at = new Date(value)
  return Number.isNaN(at.getTime()) || at.getTime() <= now ? undefined : at.toISOString()
}
