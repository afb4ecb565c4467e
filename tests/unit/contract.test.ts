import { describe, expect, expectTypeOf, it } from 'vitest'
import type { z } from 'zod'
import {
  inputSchemas,
  isChannel,
  isMutation,
  mutationChannels,
  type Api,
  type Channel,
  type In,
  type Out,
  type Parsed,
} from '../../src-shared/ipc/contract'
import type { AuditPage } from '../../src-shared/domain/audit'
import type { Settings, SettingsPatch } from '../../src-shared/domain/settings'
import type {
  Handlers,
  HandlersFor,
  MutationCtx,
  QueryCtx,
} from '../../src-main/ipc/handlers-types'

type Schemas = typeof inputSchemas
/** Strict type equality (the usual identity-of-generic-functions trick). */
type Equal<X, Y> =
  (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false

describe('the IPC contract', () => {
  it('declares exactly one input schema per channel, and the schema accepts exactly the declared input', () => {
    expectTypeOf<keyof Schemas>().toEqualTypeOf<Channel>()
    // Per channel, so a mismatch names the channel it is in.
    type Mismatched = {
      [C in Channel]: Equal<z.input<Schemas[C]>, In<C>> extends true ? never : C
    }[Channel]
    expectTypeOf<Mismatched>().toEqualTypeOf<never>()
  })

  it('derives inputs and outputs from the one map', () => {
    expectTypeOf<In<'settings:update'>>().toEqualTypeOf<SettingsPatch>()
    expectTypeOf<Out<'settings:update'>>().toEqualTypeOf<Settings>()
    expectTypeOf<Out<'audit:list'>>().toEqualTypeOf<AuditPage>()
    expectTypeOf<Parsed<'audit:list'>['limit']>().toEqualTypeOf<number>()
    expectTypeOf<Api['system:info']>().parameter(0).toEqualTypeOf<In<'system:info'>>()
  })

  it('requires a handler for every channel, mutations receiving the audit context', () => {
    expectTypeOf<keyof Handlers>().toEqualTypeOf<Channel>()
    expectTypeOf<Parameters<Handlers['settings:update']>[1]>().toEqualTypeOf<MutationCtx>()
    expectTypeOf<Parameters<Handlers['settings:get']>[1]>().toEqualTypeOf<QueryCtx>()
    expectTypeOf<keyof HandlersFor<'settings'>>().toEqualTypeOf<
      'settings:get' | 'settings:update'
    >()
    // A handler map missing a channel does not type-check as Handlers.
    expectTypeOf<Omit<Handlers, 'audit:list'>>().not.toExtend<Handlers>()
  })

  it('knows its channels and which of them mutate', () => {
    expect(isChannel('settings:update')).toBe(true)
    expect(isChannel('settings:drop')).toBe(false)
    expect(isChannel('toString')).toBe(false)
    expect(isMutation('settings:update')).toBe(true)
    expect(isMutation('settings:get')).toBe(false)
    for (const channel of mutationChannels) expect(Object.keys(inputSchemas)).toContain(channel)
  })

  it('names channels area:verb', () => {
    for (const channel of Object.keys(inputSchemas)) expect(channel).toMatch(/^[a-z-]+:[a-z-]+$/)
  })
})
