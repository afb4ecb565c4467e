import type { ImportProgress, UsageImport } from '../../src-shared/domain/usage'
import { evaluateAlerts } from '../alerts/evaluate'
import type { Ledger } from '../db/ledger'
import { AppError } from '../errors'
import type { BulkCtx, HandlersFor } from '../ipc/handlers-types'
import { findImport, getImport, listImports, listRejects, writeRejectsCsv } from './import-store'
import { ImportSession, type EngineDeps } from './import-session'
import { createLiveImports, type LiveImports } from './live-imports'
import { mappingFor } from './mappings'
import { usageTotals } from './explorer-sums'
import { previewUsage } from './preview'
import { listEvents, usageMetrics, usageSeries } from './queries'

/**
 * The audit entries a session wrote, announced like the dispatcher announces a mutation's, and
 * the usage alerts its end fired.
 */
const announce = (session: ImportSession, ctx: BulkCtx): void => {
  for (const entry of session.takeAudits()) ctx.emit('audit:appended', entry)
  const alerts = session.takeFired()
  if (alerts.length > 0) ctx.emit('alerts:fired', { importId: session.id, alerts })
}

/**
 * The usage channels. Imports in progress live here, one session per import id, fed chunk by
 * chunk by the renderer; each chunk is written in the dispatcher's write turn.
 */
export const usageHandlers = (
  ledger: Ledger,
  options: Pick<EngineDeps, 'batchRows' | 'rebuildIndexFrom' | 'parserFile'> & {
    live?: LiveImports
  } = {},
): HandlersFor<'usage'> => {
  const { db } = ledger
  const { live = createLiveImports(), ...engine } = options
  const { sessions } = live

  /** The live session, or why there is none (ended, or running in another process). */
  const liveSession = (importId: string): ImportSession => {
    const session = sessions.get(importId)
    if (session) return session
    const stored = findImport(db, importId)
    if (!stored) throw new AppError('not_found', `There is no usage import "${importId}".`)
    throw new AppError(
      'conflict',
      stored.status === 'running'
        ? `The import ${importId} is running in another Meterbook window or process.`
        : `The import ${importId} has ended (${stored.status}).`,
    )
  }

  const settle = (session: ImportSession): void => {
    if (session.status !== 'running') sessions.delete(session.id)
  }

  return {
    'usage:mapping-for': (input) => Promise.resolve(mappingFor(db, input.headers)),
    'usage:preview': (input) => Promise.resolve(previewUsage(db, input)),

    'usage:import-begin': async (input, ctx) => {
      const session = await ImportSession.begin(
        { db, operator: ctx.operator, now: ctx.now, onImported: evaluateAlerts, ...engine },
        input,
      )
      sessions.set(session.id, session)
      announce(session, ctx)
      return getImport(db, session.id)
    },

    'usage:import-chunk': async (input, ctx) => {
      const session = liveSession(input.importId)
      let progress: ImportProgress
      try {
        progress = await session.feed(input.text)
        if (input.last && session.status === 'running') {
          await session.finish()
          progress = session.progress()
        }
      } finally {
        settle(session)
        announce(session, ctx)
      }
      ctx.emit('usage:import-progress', progress)
      return progress
    },

    'usage:import-cancel': async (input, ctx) => {
      const session = liveSession(input.importId)
      let ended: UsageImport
      try {
        ended = await session.cancel()
      } finally {
        settle(session)
        announce(session, ctx)
      }
      ctx.emit('usage:import-progress', session.progress())
      return ended
    },

    'usage:imports': (input) => Promise.resolve(listImports(db, input)),
    'usage:import-get': (input) => Promise.resolve(getImport(db, input.importId)),
    'usage:rejects': (input) => Promise.resolve(listRejects(db, input)),
    'usage:rejects-csv': (input) => {
      const parts: string[] = []
      const { fileName } = writeRejectsCsv(db, input.importId, (text) => parts.push(text))
      return Promise.resolve({ text: parts.join(''), fileName })
    },
    'usage:events': (input) => Promise.resolve(listEvents(db, input)),
    'usage:series': (input) => Promise.resolve(usageSeries(db, input)),
    'usage:metrics': () => Promise.resolve(usageMetrics(db)),
    'usage:totals': (input) => Promise.resolve(usageTotals(db, input)),
  }
}
