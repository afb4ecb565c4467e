import Box from '@mui/material/Box'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import type { ListSort } from '../../src-shared/domain/list-sort'
import type {
  MovementKind,
  PaymentListQuery,
  PaymentSortField,
} from '../../src-shared/domain/payment-list'
import { ErrorAlert } from '../error-alert'
import { formatTotals } from '../invoices/money'
import { PaymentGrid, paymentPageSizes } from './payment-grid'
import { usePaymentList } from './queries'

type View = {
  kind: MovementKind | ''
  method: 'stripe' | 'outside' | ''
  sort: ListSort<PaymentSortField> | null
  page: number
  pageSize: number
}

const kinds = { '': 'Payments and refunds', payment: 'Payments', refund: 'Refunds' } as const
const methods = { '': 'Any method', stripe: 'Through Stripe', outside: 'Outside' } as const

const queryOf = (view: View): PaymentListQuery => ({
  limit: view.pageSize,
  offset: view.page * view.pageSize,
  ...(view.kind ? { kind: view.kind } : {}),
  ...(view.method ? { method: view.method } : {}),
  ...(view.sort ? { sort: view.sort } : {}),
})

/** Payments received and refunds, filtered and sorted on the server, with totals per currency. */
export const PaymentList = () => {
  const [view, setView] = useState<View>({
    kind: '',
    method: '',
    sort: null,
    page: 0,
    pageSize: paymentPageSizes[0],
  })
  const list = usePaymentList(queryOf(view))
  const pick = <K extends 'kind' | 'method'>(key: K, options: Record<View[K], string>) => (
    <TextField
      select
      label={key === 'kind' ? 'Kind' : 'Method'}
      value={view[key]}
      onChange={(event) => {
        const value = Object.keys(options).find((option) => option === event.target.value)
        setView({ ...view, [key]: value ?? '', page: 0 })
      }}
      sx={{ width: 220 }}
    >
      {Object.entries<string>(options).map(([value, label]) => (
        <MenuItem key={value} value={value}>
          {label}
        </MenuItem>
      ))}
    </TextField>
  )
  return (
    <>
      <Stack role="search" direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap', mb: 1 }}>
        {pick('kind', kinds)}
        {pick('method', methods)}
      </Stack>
      {list.isError ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert error={list.error} />
        </Box>
      ) : null}
      <Typography variant="body2" sx={{ mb: 1 }} aria-live="polite" data-testid="payment-totals">
        {list.data
          ? `${list.data.total} row${list.data.total === 1 ? '' : 's'} · total ${formatTotals(list.data.totals)}`
          : ' '}
      </Typography>
      <Box sx={{ minHeight: 360, display: 'flex', flexDirection: 'column', mb: 3 }}>
        <PaymentGrid
          rows={list.data?.movements ?? []}
          total={list.data?.total}
          loading={list.isFetching}
          paginationModel={{ page: view.page, pageSize: view.pageSize }}
          onPaginationModelChange={({ page, pageSize }) =>
            setView({ ...view, pageSize, page: pageSize === view.pageSize ? page : 0 })
          }
          sort={view.sort}
          onSortChange={(sort) => setView({ ...view, sort, page: 0 })}
          emptyLabel={
            view.kind || view.method
              ? 'Nothing matches these filters.'
              : 'No payments yet: paid invoices and refunds appear here.'
          }
        />
      </Box>
    </>
  )
}
