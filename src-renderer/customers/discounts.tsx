import AddOutlined from '@mui/icons-material/AddOutlined'
import ConfirmationNumberOutlined from '@mui/icons-material/ConfirmationNumberOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import type { Discount } from '../../src-shared/domain/billing'
import { ErrorAlert } from '../error-alert'
import { ConfirmDialog } from '../invoices/confirm-dialog'
import { money } from '../invoices/money'
import { useDeactivateDiscount, useDiscounts } from './billing-queries'
import { DiscountDialog } from './discount-dialog'
import { RedeemCouponDialog } from '../coupons/redeem-coupon-dialog'
import { useCan } from '../session/queries'

/** "10%", or a fixed amount whose value is minor units as an integer string. */
const valueLabel = (discount: Discount, currency: string): string =>
  discount.kind === 'percent'
    ? `${discount.value}%`
    : /^\d+$/.test(discount.value)
      ? money(Number(discount.value), currency)
      : `${discount.value} (minor units)`

const durationLabel = (discount: Discount): string => {
  switch (discount.duration) {
    case 'once':
      return 'Once'
    case 'repeating':
      return `${discount.periods ?? '?'} periods`
    case 'forever':
      return 'Forever'
  }
}

type Props = { externalId: string; currency: string }

/** The customer's discounts: what each takes off, for how long, how often used, and ending one. */
export const Discounts = ({ externalId, currency }: Props) => {
  const discounts = useDiscounts(externalId)
  const deactivate = useDeactivateDiscount()
  const [creating, setCreating] = useState(false)
  const [redeeming, setRedeeming] = useState(false)
  const can = useCan()
  const [ending, setEnding] = useState<Discount | null>(null)
  return (
    <Stack spacing={1.5}>
      {discounts.isPending ? <LinearProgress aria-label="Loading discounts" /> : null}
      {discounts.isError ? <ErrorAlert error={discounts.error} /> : null}
      {discounts.data && discounts.data.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          No discounts.
        </Typography>
      ) : null}
      {discounts.data && discounts.data.length > 0 ? (
        <Table size="small" aria-label="Discounts">
          <TableHead>
            <TableRow>
              <TableCell>Description</TableCell>
              <TableCell>Value</TableCell>
              <TableCell>Duration</TableCell>
              <TableCell>From</TableCell>
              <TableCell align="right">Applied</TableCell>
              <TableCell>Status</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {discounts.data.map((discount) => (
              <TableRow key={discount.id}>
                <TableCell>{discount.description}</TableCell>
                <TableCell>{valueLabel(discount, currency)}</TableCell>
                <TableCell>{durationLabel(discount)}</TableCell>
                <TableCell>{discount.startsWith}</TableCell>
                <TableCell align="right">{discount.applied}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    variant="outlined"
                    label={discount.active ? 'Active' : 'Ended'}
                    color={discount.active ? 'success' : 'default'}
                  />
                </TableCell>
                <TableCell align="right">
                  {discount.active && can('discounts:deactivate') ? (
                    <Button
                      size="small"
                      color="error"
                      aria-label={`Deactivate ${discount.description}`}
                      onClick={() => {
                        deactivate.reset()
                        setEnding(discount)
                      }}
                    >
                      Deactivate
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <Box>
        {can('discounts:create') ? (
          <Button startIcon={<AddOutlined />} onClick={() => setCreating(true)}>
            New discount
          </Button>
        ) : null}
        {can('coupons:redeem') ? (
          <Button startIcon={<ConfirmationNumberOutlined />} onClick={() => setRedeeming(true)}>
            Redeem a coupon
          </Button>
        ) : null}
      </Box>
      {redeeming ? (
        <RedeemCouponDialog externalId={externalId} onClose={() => setRedeeming(false)} />
      ) : null}
      {creating ? (
        <DiscountDialog
          externalId={externalId}
          currency={currency}
          onClose={() => setCreating(false)}
        />
      ) : null}
      {ending ? (
        <ConfirmDialog
          title="Deactivate this discount?"
          message={`“${ending.description}” no longer applies to invoices drafted from now on. Invoices it already reduced keep it.`}
          confirmLabel="Deactivate"
          destructive
          pending={deactivate.isPending}
          error={deactivate.error}
          onConfirm={() =>
            deactivate.mutate({ id: ending.id }, { onSuccess: () => setEnding(null) })
          }
          onClose={() => setEnding(null)}
        />
      ) : null}
    </Stack>
  )
}
