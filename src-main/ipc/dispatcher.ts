import type { DataSource } from 'typeorm'
import {
  inputSchemas,
  isBulk,
  isChannel,
  isMutation,
  type Channel,
  type In,
  type Out,
} from '../../src-shared/ipc/contract'
import type { Result } from '../../src-shared/ipc/result'
import { recordAudit } from '../audit/audit-service'
import { AppError } from '../errors'
import { createSession, identify, type Session } from '../operators/identity'
import { refusal } from '../operators/refusal'
import type { EventBus } from './event-bus'
import type {
  AuditInput,
  BulkCtx,
  Handler,
  Handlers,
  MutationCtx,
  QueryCtx,
} from './handlers-types'
import { createTurns, type InTurn } from './turns'
import { notPlainData, validationError } from './validation'

export type Dispatcher = {
  /** `session`: whose call this is (a host's session); none is a session nobody signed in to. */
  (channel: string, input: unknown, session?: Session): Promise<Result<unknown>>
  /**
   * Runs work in the writers' turn, as a mutation would: for services the app starts itself
   * (the billing scheduler), so they never interleave with a write from a window.
   */
  inTurn: <T>(work: () => Promise<T>) => Promise<T>
}

export type DispatcherDeps = {
  handlers: Handlers
  dataSource: DataSource
  events: EventBus
  /** The single user the audit names when sign-in is not required (the OS user). */
  operator: string
  now: () => Date
  logError: (message: string, error: unknown) => void
  /** The process's writers' turns, when services outside the dispatcher share them. */
  inTurn?: InTurn
}

/**
 * The one door into main for every host: checks the channel, validates the input against its
 * schema, runs the handler (a mutation inside one transaction together with its audit entry; a
 * bulk write in its turn, batching itself) and turns whatever happens into the result envelope.
 */
export const createDispatcher = (deps: DispatcherDeps): Dispatcher => {
  const { handlers, dataSource, events, operator, now, logError } = deps
  // One connection serves the whole process: writers take turns so transactions never nest.
  const inTurn = deps.inTurn ?? createTurns()

  /**
   * Who the audit names for this call, once they may make it; a refusal is an AppError. Writers
   * ask again in their turn: a role changed or an operator disabled while the call waited applies.
   */
  const callerOf = async (channel: Channel, session: Session): Promise<string> => {
    const identity = await identify(dataSource.manager, session, operator)
    const refused = refusal(channel, identity)
    if (refused) throw new AppError(refused.code, refused.message)
    return identity?.name ?? operator
  }

  const runMutation = (channel: Channel, input: unknown, session: Session) =>
    inTurn(async () => {
      const operator = await callerOf(channel, session)
      const recorded: number[] = []
      const value = await dataSource.transaction(async (db) => {
        const audit = async (entry: AuditInput): Promise<void> => {
          const at = now().toISOString()
          recorded.push(await recordAudit(db, { ...entry, at, operator, action: channel }))
        }
        const ctx: MutationCtx = { db, operator, now, session, audit }
        // `input` is what this channel's schema produced; TypeScript cannot correlate the two.
        const result = await (handlers[channel] as Handler<Channel>)(input as never, ctx)
        if (recorded.length === 0)
          throw new Error(`${channel} changed the ledger without an audit entry`)
        return result
      })
      for (const id of recorded) events.emit('audit:appended', { id, action: channel })
      return value
    })

  const runBulk = (channel: Channel, input: unknown, session: Session) =>
    inTurn(async () => {
      const operator = await callerOf(channel, session)
      const ctx: BulkCtx = {
        db: dataSource.manager,
        operator,
        now,
        session,
        emit: (event, payload) => events.emit(event, payload),
      }
      return (handlers[channel] as Handler<Channel>)(input as never, ctx)
    })

  const runQuery = async (channel: Channel, input: unknown, session: Session) => {
    const ctx: QueryCtx = {
      db: dataSource.manager,
      operator: await callerOf(channel, session),
      now,
      session,
    }
    return (handlers[channel] as Handler<Channel>)(input as never, ctx)
  }

  const dispatch = async (
    channel: string,
    rawInput: unknown,
    session: Session = createSession(),
  ): Promise<Result<unknown>> => {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: { code: 'unknown_channel', message: `There is no operation called "${channel}".` },
      }
    }
    const notPlain = notPlainData(rawInput)
    if (notPlain) {
      return {
        ok: false,
        error: { code: 'validation_failed', message: `Invalid input for ${channel}: ${notPlain}` },
      }
    }
    try {
      // The role check comes first: a refused call is not even validated, and writes nothing.
      await callerOf(channel, session)
      const parsed = inputSchemas[channel].safeParse(rawInput ?? {})
      if (!parsed.success) return { ok: false, error: validationError(channel, parsed.error) }
      const run = isMutation(channel) ? runMutation : isBulk(channel) ? runBulk : runQuery
      const value = await run(channel, parsed.data, session)
      return { ok: true, value }
    } catch (error) {
      if (error instanceof AppError) {
        return {
          ok: false,
          error: {
            code: error.code,
            message: error.message,
            ...(error.fields ? { fields: error.fields } : {}),
          },
        }
      }
      logError(`${channel} failed`, error)
      return {
        ok: false,
        error: {
          code: 'internal',
          message: 'An unexpected error occurred; details are in the log.',
        },
      }
    }
  }
  return Object.assign(dispatch, { inTurn })
}

/** A typed call through the dispatcher for in-process hosts (the CLI): the value, or an AppError. */
export const invoke = async <C extends Channel>(
  dispatch: Dispatcher,
  channel: C,
  input: In<C>,
): Promise<Out<C>> => {
  const result = await dispatch(channel, input)
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.fields)
  // The dispatcher ran this channel's handler, whose type is Out<C>.
  return result.value as Out<C>
}
