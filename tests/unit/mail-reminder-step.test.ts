import { describe, expect, it } from 'vitest'
import { reminderStep } from '../../src-main/mail/queue'
import { defaultMailSettings } from '../../src-shared/domain/mail'

describe('the reminder step due on a day', () => {
  const mail = { ...defaultMailSettings, dueInDays: [3, 7], overdueAfterDays: [7, 14, 30] }
  it.each([
    ['2027-01-23', null],
    ['2027-01-24', { template: 'payment.due', step: 7 }],
    ['2027-01-28', { template: 'payment.due', step: 3 }],
    ['2027-01-30', { template: 'payment.due', step: 3 }],
    ['2027-01-31', null],
    ['2027-02-06', null],
    ['2027-02-07', { template: 'payment.overdue', step: 7 }],
    ['2027-03-01', { template: 'payment.overdue', step: 14 }],
    // January 31st + 30 days is March 2nd (not "the 31st of the next month").
    ['2027-03-02', { template: 'payment.overdue', step: 30 }],
    ['2027-06-30', { template: 'payment.overdue', step: 30 }],
  ])('on %s for an invoice due 2027-01-31: %o', (today, expected) => {
    expect(reminderStep(mail, '2027-01-31', today)).toEqual(expected)
  })
})
