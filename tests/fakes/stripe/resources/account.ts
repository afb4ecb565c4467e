import type Stripe from 'stripe'
import { route, type Route } from './route'

/** The fake's own account: what `meterbook doctor` reads to name the account a key belongs to. */
export const FAKE_ACCOUNT_NAME = 'Meterbook fake account'

export const accountRoutes: Route[] = [
  route('GET', '/v1/account', (): Stripe.Account => ({
    id: 'acct_fake',
    object: 'account',
    business_profile: {
      mcc: null,
      minority_owned_business_designation: null,
      name: FAKE_ACCOUNT_NAME,
      specified_commercial_transactions_act_url: null,
      support_address: null,
      support_email: null,
      support_phone: null,
      support_url: null,
      url: null,
    },
    charges_enabled: true,
    country: 'US',
    default_currency: 'usd',
    details_submitted: true,
    email: null,
    payouts_enabled: true,
    type: 'standard',
  })),
]
