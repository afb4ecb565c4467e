import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { ErrorAlert } from '../error-alert'
import { useCan } from '../session/queries'
import { durationLabel, offLabel, totalsLabel } from './coupon-form'
import { useArchiveCoupon, useCoupon, useRemoveRedemption } from './queries'

type Props = { code: string; onClose: () => void }

/** One coupon: its terms, what it discounted, each redemption, and archiving it. */
export const RedemptionsDialog = ({ code, onClose }: Props) => {
  const coupon = useCoupon(code)
  const archive = useArchiveCoupon()
  const remove = useRemoveRedemption()
  const can = useCan()
  const c = coupon.data
  const problem = coupon.error ?? archive.error ?? remove.error
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="coupon-title">
      <DialogTitle id="coupon-title">Coupon {code}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {coupon.isPending ? <LinearProgress aria-label="Loading the coupon" /> : null}
          {problem ? <ErrorAlert error={problem} /> : null}
          {c ? (
            <Typography variant="body2">
              {c.name}: {offLabel(c)}, {durationLabel(c).toLowerCase()}; {c.redemptions}
              {c.maxRedemptions === null ? '' : ` of ${c.maxRedemptions}`} redeemed
              {c.expiresOn === null ? '' : `; last day ${c.expiresOn}`}
              {c.plans.length === 0 ? '' : `; plans ${c.plans.join(', ')}`}. Discounted:{' '}
              {totalsLabel(c.discounted)}.
            </Typography>
          ) : null}
          {c && c.redemptionList.length === 0 ? (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              Not redeemed yet.
            </Typography>
          ) : null}
          {c && c.redemptionList.length > 0 ? (
            <Table size="small" aria-label="Redemptions">
              <TableHead>
                <TableRow>
                  <TableCell>Customer</TableCell>
                  <TableCell>Redeemed</TableCell>
                  <TableCell>From</TableCell>
                  <TableCell align="right">Periods applied</TableCell>
                  <TableCell>Discounted</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {c.redemptionList.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell>
                      {r.customerName} ({r.customerId})
                    </TableCell>
                    <TableCell>
                      {r.redeemedAt.slice(0, 10)} by {r.operator}
                    </TableCell>
                    <TableCell>{r.startsWith}</TableCell>
                    <TableCell align="right">{r.applied}</TableCell>
                    <TableCell>{totalsLabel(r.discounted)}</TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        variant="outlined"
                        label={r.active ? 'Active' : 'Removed'}
                        color={r.active ? 'success' : 'default'}
                      />
                    </TableCell>
                    <TableCell align="right">
                      {r.active && can('coupons:remove') ? (
                        <Button
                          size="small"
                          color="error"
                          disabled={remove.isPending}
                          onClick={() => remove.mutate({ id: r.id })}
                        >
                          Remove
                        </Button>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        {c && c.archivedAt === null && can('coupons:archive') ? (
          <Button
            color="error"
            disabled={archive.isPending}
            onClick={() => archive.mutate({ code })}
          >
            Archive
          </Button>
        ) : null}
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  )
}
