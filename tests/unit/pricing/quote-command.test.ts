import { PassThrough, Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { answerLine, answerQuotes } from '../../../src-main/cli/commands/quote'

const example =
  '{"model":"tiered","definition":{"tiers":[{"up_to":"100","unit_amount":"1","flat_amount":"0"},{"up_to":null,"unit_amount":"0.5"}]},"quantity":"150","currency":"USD","rounding":"half_up"}'

const answer = (line: string): unknown => JSON.parse(answerLine(line))

describe('meterbook quote, one line', () => {
  it('answers the example with the exact and the rounded amount', () => {
    expect(answerLine(example)).toMatch(/^\{"amount":"125","amount_minor":12500,"currency":"USD",/)
  })

  it('keeps numbers written as JSON numbers exact', () => {
    const line = '{"model":"flat","definition":{"unit_amount":0.10},"quantity":3,"currency":"USD"}'
    expect(answer(line)).toMatchObject({ amount: '0.3', amount_minor: 30 })
    const precise =
      '{"model":"flat","definition":{"unit_amount":"1"},"quantity":0.30000000000000000001,"currency":"KWD"}'
    expect(answer(precise)).toMatchObject({ amount: '0.30000000000000000001', amount_minor: 300 })
  })

  it('accepts a line in YAML flow style too', () => {
    const line = '{model: flat, definition: {unit_amount: 0.25}, quantity: 4, currency: USD}'
    expect(answer(line)).toMatchObject({ amount: '1', amount_minor: 100 })
  })

  it.each<[string, string, object]>([
    [
      'an unparseable line, saying where',
      '{"model": "flat",',
      {
        code: 'validation_failed',
        message: expect.stringContaining('The request is not valid YAML or JSON') as string,
      },
    ],
    [
      'an unknown model',
      '{"model":"stairs","definition":{},"quantity":"1","currency":"USD"}',
      {
        code: 'validation_failed',
        fields: {
          model: 'must be one of flat, tiered, volume, package, percentage, graduated_percentage',
        },
      },
    ],
    [
      'an invalid definition, named by its place in the request',
      '{"model":"tiered","definition":{"tiers":[{"up_to":"100","unit_amount":"1"},{"up_to":"100","unit_amount":"1"}]},"quantity":"1","currency":"USD"}',
      {
        code: 'validation_failed',
        message: 'Invalid request: definition.tiers[1].up_to: must be greater than 100',
        fields: { 'definition.tiers[1].up_to': 'must be greater than 100' },
      },
    ],
    [
      'a definition that is not an object',
      '{"model":"flat","definition":"cheap","quantity":"1","currency":"USD"}',
      { fields: { definition: "must be an object with the model's fields" } },
    ],
    [
      'an unknown field',
      '{"model":"flat","definition":{"unit_amount":"1"},"quantity":"1","currency":"USD","discount":"5"}',
      { fields: { discount: 'is not a known field' } },
    ],
    [
      'a bad quantity and currency',
      '{"model":"flat","definition":{"unit_amount":"1"},"quantity":"-1","currency":"EURO"}',
      {
        fields: {
          quantity: 'must not be negative',
          currency: 'must be a known ISO 4217 currency code such as USD, EUR or JPY',
        },
      },
    ],
    [
      'a line that is not an object',
      '42',
      { fields: { '(request)': expect.any(String) as string } },
    ],
  ])('answers %s with an error', (_name, line, error) => {
    expect(answer(line)).toEqual({ error: expect.objectContaining(error) as object })
  })
})

describe('meterbook quote, a stream', () => {
  const run = async (text: string): Promise<unknown[]> => {
    const output = new PassThrough()
    const chunks: Buffer[] = []
    output.on('data', (chunk: Buffer) => chunks.push(chunk))
    await answerQuotes(Readable.from([text]), output)
    return Buffer.concat(chunks)
      .toString('utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as unknown)
  }

  it('answers each line in order, skipping blank lines, errors included', async () => {
    const answers = await run(`${example}\n\n  \nnot json {\r\n${example}\r\n`)
    expect(answers).toHaveLength(3)
    expect(answers[0]).toMatchObject({ amount: '125' })
    expect(answers[1]).toMatchObject({ error: { code: 'validation_failed' } })
    expect(answers[2]).toMatchObject({ amount: '125' })
  })

  it('answers a last line without a newline', async () => {
    expect(await run(example)).toHaveLength(1)
  })
})
