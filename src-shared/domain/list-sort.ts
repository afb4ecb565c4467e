import { z } from 'zod'

/**
 * How a list is ordered on the server: one field from the list's own closed set, and a
 * direction. Each list breaks ties by its id in the same direction, so pages never overlap.
 */
export const sortDirections = ['asc', 'desc'] as const
export type SortDirection = (typeof sortDirections)[number]

export type ListSort<F extends string> = { field: F; direction: SortDirection }

export const sortSchema = <const F extends readonly [string, ...string[]]>(fields: F) =>
  z.strictObject({ field: z.enum(fields), direction: z.enum(sortDirections) })
