import AddOutlined from '@mui/icons-material/AddOutlined'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import FormControlLabel from '@mui/material/FormControlLabel'
import LinearProgress from '@mui/material/LinearProgress'
import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import Switch from '@mui/material/Switch'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { ErrorAlert } from '../error-alert'
import { useCan } from '../session/queries'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { durationLabel, offLabel, totalsLabel } from './coupon-form'
import { NewCouponDialog } from './new-coupon-dialog'
import { useCoupons } from './queries'
import { RedemptionsDialog } from './redemptions-dialog'

/**
 * Coupons (issue 21, item 6), part of the catalog: each code's terms, how often it was redeemed
 * and what it took off per currency; a code opens its redemptions.
 */
export const CouponsPage = () => {
  const [archived, setArchived] = useState(false)
  const coupons = useCoupons(archived)
  const [creating, setCreating] = useState(false)
  const [open, setOpen] = useState<string | null>(null)
  const can = useCan()
  return (
    <>
      <PageHeader
        title={areas.coupons.label}
        description="Codes that take a percent or an amount off a customer's invoices, redeemed on the customer's page."
        actions={
          can('coupons:create') ? (
            <Button
              variant="contained"
              startIcon={<AddOutlined />}
              onClick={() => setCreating(true)}
            >
              New coupon
            </Button>
          ) : null
        }
      />
      <FormControlLabel
        control={<Switch checked={archived} onChange={(_, on) => setArchived(on)} />}
        label="Show archived"
      />
      {coupons.isPending ? <LinearProgress aria-label="Loading coupons" /> : null}
      {coupons.isError ? <ErrorAlert error={coupons.error} /> : null}
      {coupons.data && coupons.data.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary', mt: 2 }}>
          No coupons yet.
        </Typography>
      ) : null}
      {coupons.data && coupons.data.length > 0 ? (
        <Table size="small" aria-label="Coupons">
          <TableHead>
            <TableRow>
              <TableCell>Code</TableCell>
              <TableCell>Name</TableCell>
              <TableCell>Off</TableCell>
              <TableCell>Duration</TableCell>
              <TableCell align="right">Redemptions</TableCell>
              <TableCell>Discounted</TableCell>
              <TableCell>Last day</TableCell>
              <TableCell>Status</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {coupons.data.map((c) => (
              <TableRow key={c.id} hover>
                <TableCell>
                  <Link component="button" variant="body2" onClick={() => setOpen(c.code)}>
                    {c.code}
                  </Link>
                </TableCell>
                <TableCell>{c.name}</TableCell>
                <TableCell>{offLabel(c)}</TableCell>
                <TableCell>{durationLabel(c)}</TableCell>
                <TableCell align="right">
                  {c.redemptions}
                  {c.maxRedemptions === null ? '' : ` / ${c.maxRedemptions}`}
                </TableCell>
                <TableCell>{totalsLabel(c.discounted)}</TableCell>
                <TableCell>{c.expiresOn ?? '—'}</TableCell>
                <TableCell>
                  <Stack direction="row" spacing={1}>
                    <Chip
                      size="small"
                      variant="outlined"
                      label={c.archivedAt === null ? 'Active' : 'Archived'}
                      color={c.archivedAt === null ? 'success' : 'default'}
                    />
                  </Stack>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {creating ? <NewCouponDialog onClose={() => setCreating(false)} /> : null}
      {open ? <RedemptionsDialog code={open} onClose={() => setOpen(null)} /> : null}
    </>
  )
}
