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
import {
  CustomerInputSchema,
  type Customer,
  type CustomerImportResult,
  type CustomerInput,
  type CustomerMeters,
  type CustomerSummary,
  type RejectedRow,
} from '../domain/customers'
import type { DecimalString, Quote, QuoteInput } from '../domain/pricing'
import {
  UsageImportBeginSchema,
  UsagePreviewSchema,
  UsageQuerySchema,
  UsageSeriesQuerySchema,
  type ColumnMapping,
  type ImportProgress,
  type UsageEvent,
  type UsageImport,
  type UsageImportBegin,
  type UsagePreview,
  type UsagePreviewInput,
  type UsageQuery,
  type UsageSeriesPoint,
  type UsageSeriesQuery,
} from '../domain/usage'
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
  'customers:list': (input: { search?: string; limit?: number; offset?: number }) => {
    customers: CustomerSummary[]
    total: number
  }
  'customers:get': (input: { externalId: string }) => Customer
  'customers:meters': (input: { externalId: string; at?: string }) => CustomerMeters
  'customers:save': (input: CustomerInput) => Customer
  'customers:import': (input: { text: string; fileName?: string }) => CustomerImportResult
  'usage:mapping-for': (input: { headers: string[] }) => ColumnMapping | null
  'usage:preview': (input: UsagePreviewInput) => UsagePreview
  'usage:import-begin': (input: UsageImportBegin) => UsageImport
  'usage:import-chunk': (input: { importId: string; text: string; last: boolean }) => ImportProgress
  'usage:import-cancel': (input: { importId: string }) => UsageImport
  'usage:imports': (input: { limit?: number; offset?: number }) => {
    imports: UsageImport[]
    total: number
  }
  'usage:import-get': (input: { importId: string }) => UsageImport
  'usage:rejects': (input: { importId: string; limit?: number; offset?: number }) => {
    rows: RejectedRow[]
    total: number
  }
  'usage:rejects-csv': (input: { importId: string }) => { text: string; fileName: string }
  'usage:events': (input: UsageQuery) => { events: UsageEvent[]; total: number }
  'usage:series': (input: UsageSeriesQuery) => UsageSeriesPoint[]
  'usage:metrics': (input: NoInput) => string[]
}

const pageShape = {
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
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
  'customers:save',
  'customers:import',
] as const satisfies readonly Channel[]
export type MutationChannel = (typeof mutationChannels)[number]

/**
 * Channels that write in bulk: they take their turn with the mutations but manage their own
 * batched transactions (prepared statements, one transaction per batch) and audit the operation
 * as a whole (an import's start and end), not each batch.
 */
export const bulkChannels = [
  'usage:import-begin',
  'usage:import-chunk',
  'usage:import-cancel',
] as const satisfies readonly Channel[]
export type BulkChannel = (typeof bulkChannels)[number]

export type QueryChannel = Exclude<Channel, MutationChannel | BulkChannel>

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
  'customers:list': z.strictObject({ ...pageShape, search: z.string().optional() }),
  'customers:get': z.strictObject({ externalId: z.string() }),
  'customers:meters': z.strictObject({
    externalId: z.string(),
    at: z.iso.datetime({ offset: true }).optional(),
  }),
  'customers:save': CustomerInputSchema,
  'customers:import': z.strictObject({
    text: z.string().max(50_000_000),
    fileName: z.string().optional(),
  }),
  'usage:mapping-for': z.strictObject({ headers: z.array(z.string()).max(500) }),
  'usage:preview': UsagePreviewSchema,
  'usage:import-begin': UsageImportBeginSchema,
  'usage:import-chunk': z.strictObject({
    importId: z.string(),
    text: z.string().max(16_000_000),
    last: z.boolean(),
  }),
  'usage:import-cancel': z.strictObject({ importId: z.string() }),
  'usage:imports': z.strictObject(pageShape),
  'usage:import-get': z.strictObject({ importId: z.string() }),
  'usage:rejects': z.strictObject({ ...pageShape, importId: z.string() }),
  'usage:rejects-csv': z.strictObject({ importId: z.string() }),
  'usage:events': UsageQuerySchema,
  'usage:series': UsageSeriesQuerySchema,
  'usage:metrics': noInput,
} satisfies { [C in Channel]: z.ZodType<unknown, In<C>> }

/** The input a handler receives: parsed by the channel's schema, defaults applied. */
export type Parsed<C extends Channel> = z.output<(typeof inputSchemas)[C]>

export const isChannel = (name: string): name is Channel => Object.hasOwn(inputSchemas, name)
export const isMutation = (channel: Channel): channel is MutationChannel =>
  (mutationChannels as readonly Channel[]).includes(channel)
export const isBulk = (channel: Channel): channel is BulkChannel =>
  (bulkChannels as readonly Channel[]).includes(channel)

/** Events main pushes to every open window. */
export type Events = {
  'audit:appended': { id: number; action: string }
  'usage:import-progress': ImportProgress
}
export type EventName = keyof Events

/** What a host exposes to the renderer: Electron's preload bridge, or the HTTP client. */
export type Bridge = {
  invoke<C extends Channel>(channel: C, input: In<C>): Promise<Result<Out<C>>>
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}
