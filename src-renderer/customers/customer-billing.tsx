import Box from '@mui/material/Box'
import Stack from '@mui/material/Stack'
import type { Customer } from '../../src-shared/domain/customers'
import { CreditLedgerView } from './credit-ledger'
import { CustomerInvoices } from './customer-invoices'
import { Section } from './customer-details'
import { Discounts } from './discounts'
import { TransitionHistory } from './transition-history'

/** The customer's billing below their usage: invoices, credit, discounts and status history. */
export const CustomerBilling = ({ customer }: { customer: Customer }) => (
  <Stack spacing={2}>
    <Section title="Invoices">
      <Box sx={{ height: 380, display: 'flex', flexDirection: 'column' }}>
        <CustomerInvoices externalId={customer.externalId} />
      </Box>
    </Section>
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', lg: 'repeat(2, minmax(0, 1fr))' },
        gap: 2,
        alignItems: 'start',
      }}
    >
      <Section title="Credit">
        <CreditLedgerView externalId={customer.externalId} currency={customer.currency} />
      </Section>
      <Section title="Discounts">
        <Discounts externalId={customer.externalId} currency={customer.currency} />
      </Section>
    </Box>
    {customer.subscription ? (
      <Section title="Status history">
        <TransitionHistory externalId={customer.externalId} />
      </Section>
    ) : null}
  </Stack>
)
