import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { answerLine } from '../../../src-main/cli/commands/quote'

describe('the README quote lines', () => {
  it('are each answered with an amount, one per model', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    const block = /### Pricing models and the quote input[\s\S]*?```\n([\s\S]*?)```/.exec(
      readme,
    )?.[1]
    const answers = (block ?? '')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(answerLine(line)) as { amount?: string; amount_minor?: number })
    expect(answers.map((a) => [a.amount, a.amount_minor])).toEqual([
      ['8', 800],
      ['125', 12500],
      ['150', 15000],
      ['12', 1200],
      ['60', 6000],
      // 10 and 80 free (3 events or 250 first: the amount runs out in the third), then
      // (10,000 − 160) × 2.9 % + 0.30 = 285.66 clamped to 50.
      ['50', 5000],
      ['55', 5500],
    ])
  })
})
