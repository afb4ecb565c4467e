import FormControlLabel from '@mui/material/FormControlLabel'
import FormHelperText from '@mui/material/FormHelperText'
import FormLabel from '@mui/material/FormLabel'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import { useId } from 'react'
import {
  creditNoteSettlements,
  type CreditNoteSettlement,
  type Invoice,
} from '../../src-shared/domain/billing'

/** What each choice does, said plainly: the label, the consequence, the confirming verb. */
export const settlementTexts: Record<
  CreditNoteSettlement,
  { label: string; effect: string; confirm: string }
> = {
  credit_balance: {
    label: "Add to the customer's credit balance",
    effect: 'The amount becomes prepaid credit that their next invoices use. Nothing is paid out.',
    confirm: 'Add to credit balance',
  },
  stripe_refund: {
    label: 'Refund through Stripe',
    effect:
      'Stripe refunds the amount to the card it charged for this invoice: one refund, sent when Stripe can be reached. This cannot be undone.',
    confirm: 'Refund through Stripe',
  },
  paid_outside: {
    label: 'Paid back outside Meterbook (nothing is sent to Stripe)',
    effect:
      'Records money you pay back yourself, such as a bank transfer. Meterbook sends nothing to Stripe or anyone else.',
    confirm: 'Record as paid back',
  },
}

/** Why a choice cannot be made for this invoice, or undefined when it can. */
export const unavailable = (
  settlement: CreditNoteSettlement,
  invoice: Invoice,
  collectedThroughStripe: boolean,
): string | undefined => {
  if (settlement === 'credit_balance') return undefined
  if (invoice.status !== 'paid') return 'Only for a paid invoice: nothing was received to pay back.'
  if (settlement === 'stripe_refund' && !collectedThroughStripe)
    return 'Only for an invoice Stripe collected.'
  return undefined
}

type Props = {
  invoice: Invoice
  collectedThroughStripe: boolean
  value: CreditNoteSettlement | null
  error: string | undefined
  onChange: (settlement: CreditNoteSettlement) => void
}

/** The explicit choice of where a credit note's money goes; nothing is chosen for the person. */
export const SettlementChoice = ({
  invoice,
  collectedThroughStripe,
  value,
  error,
  onChange,
}: Props) => {
  const labelId = useId()
  return (
    <div>
      <FormLabel id={labelId} required error={Boolean(error)}>
        Where the money goes
      </FormLabel>
      <RadioGroup
        aria-labelledby={labelId}
        value={value ?? ''}
        onChange={(event) => {
          const chosen = creditNoteSettlements.find((s) => s === event.target.value)
          if (chosen) onChange(chosen)
        }}
      >
        {creditNoteSettlements.map((settlement) => {
          const why = unavailable(settlement, invoice, collectedThroughStripe)
          return (
            <FormControlLabel
              key={settlement}
              value={settlement}
              disabled={why !== undefined}
              control={<Radio />}
              label={
                <>
                  {settlementTexts[settlement].label}
                  <FormHelperText sx={{ mt: 0 }}>
                    {why ?? settlementTexts[settlement].effect}
                  </FormHelperText>
                </>
              }
            />
          )
        })}
      </RadioGroup>
      {error ? <FormHelperText error>{error}</FormHelperText> : null}
    </div>
  )
}
