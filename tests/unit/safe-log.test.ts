import { afterEach, describe, expect, it, vi } from 'vitest'
import { logError, logLine, redact } from '../../src-main/logging/safe-log'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('safe log', () => {
  it('redacts Stripe keys, tokens, bearer credentials and passwords', () => {
    expect(
      redact(
        'key sk_live_51HxAbCdEf0123456789 and rk_test_9zZ9 then ' +
          '/?token=4f2a9c0e&x=1 Authorization: Bearer eyJhbGciOi.payload {"password":"hunter2"}',
      ),
    ).toBe(
      'key sk_live_[redacted] and rk_test_[redacted] then ' +
        '/?token=[redacted]&x=1 Authorization: Bearer [redacted] {"password":"[redacted]"}',
    )
  })

  it('logs a failure with a key inside a huge input as one bounded line without the key', () => {
    const lines: string[] = []
    vi.spyOn(console, 'error').mockImplementation((text: string) => lines.push(text))
    const input = `sk_test_4eC39HqLyjWDarjtT1zdp7dc ${'x'.repeat(5_000_000)}`
    logError('invoices:void failed', new Error(`no such invoice for reason "${input}"`))
    expect(lines).toHaveLength(1)
    const [line = ''] = lines
    expect(line).not.toContain('4eC39HqLyjWDarjtT1zdp7dc')
    expect(line).toContain('sk_test_[redacted]')
    expect(line.length).toBeLessThan(3_000)
    expect(line.split('\n')[1]).toMatch(/^Error: no such invoice .*… \(5000\d+ chars\)$/)
  })

  it('keeps short messages whole, and bounds a thrown non-error too', () => {
    expect(logLine('The scheduled billing run failed', new Error('disk full'))).toMatch(
      /^The scheduled billing run failed\nError: disk full\n {2}at /,
    )
    expect(logLine('x', 'y'.repeat(1_000))).toBe(`x\n${'y'.repeat(200)}… (1000 chars)`)
  })
})
