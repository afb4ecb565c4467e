import { z } from 'zod'
import {
  AuditQuerySchema,
  type AuditFacets,
  type AuditPage,
  type AuditQuery,
} from '../domain/audit'
import { SettingsPatchSchema, type Settings, type SettingsPatch } from '../domain/settings'
import type { AppInfo } from '../domain/system'
import type { Result } from './result'

const noInput = z.strictObject({})
type NoInput = z.input<typeof noInput>

/**
 * The whole contract between the renderer and main: one channel per operation, `area:verb`,
 * every handler taking one input object. Hosts (Electron IPC, loopback HTTP, CLI) carry exactly
 * this map and nothing else.
 */
export type Api = {
  'system:info': (input: NoInput) => AppInfo
  'audit:list': (input: AuditQuery) => AuditPage
  'audit:facets': (input: NoInput) => AuditFacets
  'settings:get': (input: NoInput) => Settings
  'settings:update': (input: SettingsPatch) => Settings
}

export type Channel = keyof Api
export type In<C extends Channel> = Parameters<Api[C]>[0]
export type Out<C extends Channel> = ReturnType<Api[C]>

/** Channels that change the ledger: run in one transaction that must also write an audit entry. */
export const mutationChannels = ['settings:update'] as const satisfies readonly Channel[]
export type MutationChannel = (typeof mutationChannels)[number]
export type QueryChannel = Exclude<Channel, MutationChannel>

/**
 * One schema per channel; main validates every input with it before a handler runs. `satisfies`
 * ties each schema to the declared input type, and tests/unit/contract.test.ts pins exact equality.
 */
export const inputSchemas = {
  'system:info': noInput,
  'audit:list': AuditQuerySchema,
  'audit:facets': noInput,
  'settings:get': noInput,
  'settings:update': SettingsPatchSchema,
} satisfies { [C in Channel]: z.ZodType<unknown, In<C>> }

/** The input a handler receives: parsed by the channel's schema, defaults applied. */
export type Parsed<C extends Channel> = z.output<(typeof inputSchemas)[C]>

export const isChannel = (name: string): name is Channel => Object.hasOwn(inputSchemas, name)
export const isMutation = (channel: Channel): channel is MutationChannel =>
  (mutationChannels as readonly Channel[]).includes(channel)

/** Events main pushes to every open window. */
export type Events = {
  'audit:appended': { id: number; action: string }
}
export type EventName = keyof Events

/** What a host exposes to the renderer: Electron's preload bridge, or the HTTP client. */
export type Bridge = {
  invoke<C extends Channel>(channel: C, input: In<C>): Promise<Result<Out<C>>>
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}
