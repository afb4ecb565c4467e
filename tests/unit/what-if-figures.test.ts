import { describe, expect, it } from 'vitest'
import type { WhatIfRow } from '../../src-shared/domain/what-if'
import {
  extremes,
  signedMoney,
  signedPercent,
  sortRows,
} from '../../src-renderer/catalog/what-if-figures'

const row = (name: string, differenceMinor: number | null, percent: string | null): WhatIfRow => ({
  externalId: name.toLowerCase(),
  customerName: name,
  subscriptionId: name.length,
  planVersion: 1,
  status: differenceMinor === null ? 'not_billed' : 'compared',
  reason: null,
  currency: 'USD',
  period: null,
  periodStart: null,
  periodEnd: null,
  invoiceId: null,
  invoiceNumber: null,
  invoiceStatus: null,
  currentMinor: null,
  draftMinor: null,
  differenceMinor,
  differencePercent: percent,
})

const rows = [
  row('Acme', 1980, '37.3'),
  row('Wayne', null, null),
  row('Hooli', -2000, '-13.2'),
  row('Initech', 1450, '50.0'),
  row('Globex', -150, '-0.4'),
]
const en = { locale: 'en-US' }
const names = (list: WhatIfRow[]) => list.map((r) => r.customerName)

describe('what-if figures on screen', () => {
  it('sorts by difference either way, customers not billed last both times', () => {
    expect(names(sortRows(rows, { key: 'difference', direction: 'desc' }))).toEqual([
      'Acme',
      'Initech',
      'Globex',
      'Hooli',
      'Wayne',
    ])
    expect(names(sortRows(rows, { key: 'difference', direction: 'asc' }))).toEqual([
      'Hooli',
      'Globex',
      'Initech',
      'Acme',
      'Wayne',
    ])
  })

  it('sorts by percent apart from the amount: +50 % before +37.3 %', () => {
    expect(names(sortRows(rows, { key: 'percent', direction: 'desc' })).slice(0, 2)).toEqual([
      'Initech',
      'Acme',
    ])
  })

  it('names who would pay most more and most less, biggest first', () => {
    const { payMore, payLess } = extremes(rows, 1)
    expect([names(payMore), names(payLess)]).toEqual([['Acme'], ['Hooli']])
    expect(names(extremes(rows).payLess)).toEqual(['Hooli', 'Globex'])
  })

  it('signs a difference and its percent', () => {
    expect([
      signedMoney(1980, 'USD', en),
      signedMoney(-2000, 'USD', en),
      signedMoney(0, 'USD', en),
    ]).toEqual(['+$19.80', '-$20.00', '$0.00'])
    expect([
      signedPercent('37.3', en),
      signedPercent('-13.2', en),
      signedPercent('0.0', en),
    ]).toEqual(['+37.3 %', '-13.2 %', '0 %'])
  })
})
