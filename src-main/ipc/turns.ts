/** Runs `work` after every earlier turn has finished: writers on one connection never nest. */
export type InTurn = <T>(work: () => Promise<T>) => Promise<T>

/**
 * The writers' turns of one process: the dispatcher's mutations and bulk writes, and the services
 * the app runs by itself (the billing scheduler, the payments processor between network calls).
 */
export const createTurns = (): InTurn => {
  let queue: Promise<unknown> = Promise.resolve()
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }
}
