import { z } from 'zod'
import {
  AuditQuerySchema,
  type AuditFacets,
  type AuditPage,
  type AuditQuery,
} from '../domain/audit'
import type {
  CatalogImportResult,
  DocumentFormat,
  Plan,
  PlanSummary,
  PlanTerms,
} from '../domain/catalog'
import {
  CurveInputSchema,
  IsoDate,
  PlanId,
  PlanTermsEnvelope,
  QuoteInputSchema,
} from '../domain/catalog-inputs'
import type { DecimalString, Quote, QuoteInput } from '../domain/pricing'
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
  'catalog:list-plans': (input: NoInput) => PlanSummary[]
  'catalog:get-plan': (input: { id: string }) => Plan
  'catalog:create-plan': (input: { id: string; name: string; terms: PlanTerms }) => Plan
  'catalog:save-draft': (input: { id: string; name?: string; terms: PlanTerms }) => Plan
  'catalog:discard-draft': (input: { id: string }) => Plan
  'catalog:publish': (input: { id: string; effectiveFrom: string }) => Plan
  'catalog:import': (input: { text: string; fileName?: string }) => CatalogImportResult
  'catalog:export': (input: { format: DocumentFormat }) => { text: string; fileName: string }
  'pricing:quote': (input: QuoteInput) => Quote
  'pricing:curve': (input: CurveInput) => { quantity: DecimalString; amount_minor: number }[]
}

type CurveInput = z.input<typeof CurveInputSchema>

export type Channel = keyof Api
export type In<C extends Channel> = Parameters<Api[C]>[0]
export type Out<C extends Channel> = ReturnType<Api[C]>

/** Channels that change the ledger: run in one transaction that must also write an audit entry. */
export const mutationChannels = [
  'settings:update',
  'catalog:create-plan',
  'catalog:save-draft',
  'catalog:discard-draft',
  'catalog:publish',
  'catalog:import',
] as const satisfies readonly Channel[]
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
  'catalog:list-plans': noInput,
  'catalog:get-plan': z.strictObject({ id: z.string() }),
  'catalog:create-plan': z.strictObject({
    id: PlanId,
    name: z.string().trim().min(1, 'must not be empty').max(200),
    terms: PlanTermsEnvelope,
  }),
  'catalog:save-draft': z.strictObject({
    id: z.string(),
    name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
    terms: PlanTermsEnvelope,
  }),
  'catalog:discard-draft': z.strictObject({ id: z.string() }),
  'catalog:publish': z.strictObject({ id: z.string(), effectiveFrom: IsoDate }),
  'catalog:import': z.strictObject({
    text: z.string().max(20_000_000),
    fileName: z.string().optional(),
  }),
  'catalog:export': z.strictObject({ format: z.enum(['yaml', 'json']) }),
  'pricing:quote': QuoteInputSchema,
  'pricing:curve': CurveInputSchema,
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
