import type { QueryClient } from '@tanstack/react-query'
import { useSyncExternalStore } from 'react'
import type { ImportProgress, UsageImport } from '../../src-shared/domain/usage'
import { call, on } from '../api'
import { refreshAfterWrite } from '../customers/queries'

/**
 * The file being sent to an import. It lives outside React so that leaving the page (or the tab)
 * neither stops a long import nor loses sight of it: coming back shows it where it got to.
 */
export type Upload = {
  importId: string
  fileName: string
  totalBytes: number
  /** Bytes of the file the server has taken in so far. */
  sentBytes: number
  progress: ImportProgress | null
  phase: 'sending' | 'cancelling' | 'finished' | 'failed'
  /** Why sending stopped, when it failed; the import may be half done on the server. */
  error?: unknown
}

/** About 2 MB per request: large enough to be quick, small enough to cancel promptly. */
export const chunkBytes = 2 * 1024 * 1024

let upload: Upload | null = null
let cancelRequested = false
const listeners = new Set<() => void>()

const publish = (next: Upload | null): void => {
  upload = next
  for (const listener of listeners) listener()
}

const update = (importId: string, patch: Partial<Upload>): void => {
  if (upload?.importId === importId) publish({ ...upload, ...patch })
}

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export const useUpload = (): Upload | null => useSyncExternalStore(subscribe, () => upload)

/** Pushed events can overtake a chunk's answer or trail it: keep whichever got further. */
const furthest = (current: ImportProgress | null, next: ImportProgress): ImportProgress =>
  current && current.bytesRead > next.bytesRead && next.status === 'running' ? current : next

/**
 * Sends the file in order, one chunk in flight at a time. Slices are cut at byte offsets, so a
 * streaming decoder carries a multi-byte character split between two slices over to the next.
 */
const send = async (file: File, importId: string): Promise<void> => {
  const decoder = new TextDecoder('utf-8')
  let done = false
  for (let start = 0; !done && !cancelRequested;) {
    const end = Math.min(start + chunkBytes, file.size)
    const last = end >= file.size
    const bytes = await file.slice(start, end).arrayBuffer()
    const text = decoder.decode(bytes, { stream: !last })
    const progress = await call('usage:import-chunk', { importId, text, last })
    update(importId, { sentBytes: end, progress: furthest(upload?.progress ?? null, progress) })
    start = end
    // The server can end an import early (refused, or cancelled from another window).
    done = last || progress.status !== 'running'
  }
  if (!done) await call('usage:import-cancel', { importId })
}

type StartOptions = { file: File; started: UsageImport; queryClient: QueryClient }

export const startUpload = ({ file, started, queryClient }: StartOptions): void => {
  const importId = started.id
  cancelRequested = false
  publish({
    importId,
    fileName: started.fileName,
    totalBytes: file.size,
    sentBytes: 0,
    progress: null,
    phase: 'sending',
  })
  const stopListening = on('usage:import-progress', (progress) => {
    if (progress.id === importId && upload?.importId === importId) {
      update(importId, { progress: furthest(upload.progress, progress) })
    }
  })
  void send(file, importId)
    .then(
      () => update(importId, { phase: 'finished' }),
      (error: unknown) => update(importId, { phase: 'failed', error }),
    )
    .finally(() => {
      stopListening()
      cancelRequested = false
      return refreshAfterWrite(queryClient)
    })
}

/** Stops sending after the chunk in flight, then tells the server to cancel the import. */
export const cancelUpload = (): void => {
  if (upload?.phase !== 'sending') return
  cancelRequested = true
  publish({ ...upload, phase: 'cancelling' })
}

/** After a failure: cancel what the server holds (best effort) and show the import's result. */
export const abandonUpload = async (queryClient: QueryClient): Promise<void> => {
  if (upload?.phase !== 'failed') return
  const { importId } = upload
  try {
    await call('usage:import-cancel', { importId })
  } catch {
    // It may have ended already; its result says how it ended either way.
  }
  update(importId, { phase: 'finished' })
  await refreshAfterWrite(queryClient)
}

/** Forgets a finished upload so the wizard starts over; a running one cannot be dropped. */
export const clearUpload = (): void => {
  if (upload?.phase === 'sending' || upload?.phase === 'cancelling') return
  publish(null)
}
