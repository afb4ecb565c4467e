import type { Coupon, CouponInput } from '../../../src-shared/domain/coupons'
import { formatMinor } from '../../../src-shared/money'
import { invoke } from '../../ipc/dispatcher'
import { UsageError, type Command, type CommandContext } from '../command'
import { withApp } from '../with-app'

/** `meterbook coupons list|create|archive|redeem`: conveniences over the coupons channels. */

const text = (value: string | boolean | undefined): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined

/** A whole number as typed; the channel's schema says what range it must be in. */
const count = (value: string | boolean | undefined, name: string): number | null => {
  const given = text(value)
  if (given === undefined) return null
  if (!/^\d+$/.test(given))
    throw new UsageError(`--${name} must be a whole number, not "${given}".`)
  return Number(given)
}

const oneCode = (args: string[], what: string): string => {
  const [code, ...rest] = args
  if (!code || rest.length > 0) throw new UsageError(`${what} needs exactly one coupon CODE.`)
  return code
}

/** `USD=1500,EUR=1400`: minor units per currency. */
const amountsOf = (value: string | boolean | undefined): CouponInput['amountsOff'] =>
  (text(value) ?? '')
    .split(',')
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^([A-Za-z]{3})=(\d+)$/.exec(part.trim())
      if (!match)
        throw new UsageError(`--amount-off takes CUR=MINOR pairs, e.g. USD=1500, not "${part}".`)
      return { currency: (match[1] ?? '').toUpperCase(), amountMinor: Number(match[2]) }
    })

const offText = (c: Coupon): string =>
  c.percentOff !== null
    ? `${c.percentOff} % off`
    : c.amountsOff.map((a) => formatMinor(a.amountMinor, a.currency, 'en-US')).join(' / ') + ' off'

const durationText = (c: Coupon): string =>
  c.duration === 'repeating' ? `${c.periods ?? 0} periods` : c.duration

const line = (c: Coupon): string => {
  const used = `${c.redemptions}${c.maxRedemptions === null ? '' : `/${c.maxRedemptions}`} redeemed`
  const discounted = c.discounted
    .map((d) => formatMinor(d.amountMinor, d.currency, 'en-US'))
    .join(', ')
  return [
    c.code.padEnd(16),
    `${offText(c)}, ${durationText(c)}, ${used}`,
    discounted === '' ? '' : `, ${discounted} discounted`,
    c.expiresOn === null ? '' : `, expires ${c.expiresOn}`,
    c.archivedAt === null ? '' : ' (archived)',
  ].join('')
}

export const couponsList: Command = {
  usage: 'meterbook coupons list [--all] [--db PATH] [--json]',
  summary: 'The coupons, their redemptions and what they discounted per currency',
  options: { all: { type: 'boolean' } },
  run: async ({ args, options, ledgerPath, out }) => {
    if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
    const list = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'coupons:list', { includeArchived: options['all'] === true }),
    )
    out.result(list, list.length === 0 ? 'No coupons.' : list.map(line).join('\n'))
    return 0
  },
}

const createInput = (ctx: CommandContext, code: string): CouponInput => {
  const { options } = ctx
  const name = text(options['name'])
  const duration = text(options['duration'])
  if (name === undefined) throw new UsageError('--name is required, e.g. --name "Welcome".')
  if (duration !== 'once' && duration !== 'repeating' && duration !== 'forever')
    throw new UsageError('--duration must be once, repeating or forever.')
  const plans = text(options['plans'])
  return {
    code,
    name,
    percentOff: text(options['percent-off']) ?? null,
    amountsOff: amountsOf(options['amount-off']),
    duration,
    periods: count(options['periods'], 'periods'),
    maxRedemptions: count(options['max-redemptions'], 'max-redemptions'),
    expiresOn: text(options['expires-on']) ?? null,
    plans: plans === undefined ? [] : plans.split(',').map((p) => p.trim()),
  }
}

export const couponsCreate: Command = {
  usage:
    'meterbook coupons create CODE --name TEXT (--percent-off 20 | --amount-off USD=1500[,EUR=1400]) --duration once|repeating|forever [--periods N] [--max-redemptions N] [--expires-on YYYY-MM-DD] [--plans a,b]',
  summary: 'Create a coupon code in the catalog (admin)',
  options: {
    name: { type: 'string' },
    'percent-off': { type: 'string' },
    'amount-off': { type: 'string' },
    duration: { type: 'string' },
    periods: { type: 'string' },
    'max-redemptions': { type: 'string' },
    'expires-on': { type: 'string' },
    plans: { type: 'string' },
  },
  run: async (ctx) => {
    const input = createInput(ctx, oneCode(ctx.args, 'coupons create'))
    const created = await withApp(ctx.ledgerPath, (app) =>
      invoke(app.dispatch, 'coupons:create', input),
    )
    ctx.out.result(created, `Created ${line(created)}`)
    return 0
  },
}

export const couponsArchive: Command = {
  usage: 'meterbook coupons archive CODE',
  summary: 'Archive a coupon: no more redemptions, those made go on (admin)',
  run: async ({ args, ledgerPath, out }) => {
    const code = oneCode(args, 'coupons archive')
    const archived = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'coupons:archive', { code }),
    )
    out.result(archived, `Archived ${archived.code}.`)
    return 0
  },
}

export const couponsRedeem: Command = {
  usage: 'meterbook coupons redeem CODE --customer ID',
  summary: "Redeem a coupon on a customer's subscription (finance)",
  options: { customer: { type: 'string' } },
  run: async ({ args, options, ledgerPath, out }) => {
    const code = oneCode(args, 'coupons redeem')
    const externalId = text(options['customer'])
    if (externalId === undefined) throw new UsageError('--customer ID is required.')
    const redeemed = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'coupons:redeem', { code, externalId }),
    )
    out.result(
      redeemed,
      `Redeemed ${redeemed.code} on ${redeemed.customerId}: from period ${redeemed.startsWith}.`,
    )
    return 0
  },
}
