import { describe, expect, expectTypeOf, it } from 'vitest'
import { roles } from '../../src-shared/domain/operators'
import { bulkChannels, mutationChannels, type Channel } from '../../src-shared/ipc/contract'
import { describeChannel, minimumRole, roleAllows } from '../../src-shared/ipc/roles'

describe('the role of every channel', () => {
  it('is declared for exactly the channels of the contract', () => {
    expectTypeOf<keyof typeof minimumRole>().toEqualTypeOf<Channel>()
  })

  it('leaves every write to finance or admin: a viewer changes nothing', () => {
    for (const channel of [...mutationChannels, ...bulkChannels])
      expect(roleAllows('viewer', channel), channel).toBe(false)
  })

  it('ranks the roles: each allows what the one below does, and an admin everything', () => {
    for (const channel of Object.keys(minimumRole) as Channel[]) {
      if (roleAllows('viewer', channel)) expect(roleAllows('finance', channel), channel).toBe(true)
      if (roleAllows('finance', channel)) expect(roleAllows('admin', channel), channel).toBe(true)
      expect(roleAllows('admin', channel), channel).toBe(true)
    }
    expect(roles).toEqual(['viewer', 'finance', 'admin'])
  })

  it.each<[Channel, boolean, boolean]>([
    ['invoices:list', true, true],
    ['invoices:credit-note', false, true],
    ['billing:run', false, true],
    ['retries:act', false, true],
    ['catalog:publish', false, false],
    ['payments:set-key', false, false],
    ['operators:add', false, false],
  ])('%s: viewer %s, finance %s', (channel, viewer, finance) => {
    expect([roleAllows('viewer', channel), roleAllows('finance', channel)]).toEqual([
      viewer,
      finance,
    ])
  })

  it('says what a refused channel does, in words', () => {
    expect(describeChannel('invoices:credit-note')).toBe('issuing credit notes')
    // Every write a viewer or finance may be refused has its words.
    for (const channel of [...mutationChannels, ...bulkChannels])
      expect(describeChannel(channel), channel).not.toBe(channel)
  })
})
