import type { EventName, Events } from '../../src-shared/ipc/contract'

export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void

/** Fans events out from the services to whatever hosts are attached (IPC windows, SSE clients). */
export class EventBus {
  readonly #listeners = new Set<EventListener>()

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.#listeners) listener(event, payload)
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
