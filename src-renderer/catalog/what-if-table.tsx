import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TableSortLabel from '@mui/material/TableSortLabel'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import type { WhatIfRow } from '../../src-shared/domain/what-if'
import { formatMoney, formatPeriod } from '../format'
import { signedMoney, signedPercent, sortRows, type Sort, type SortKey } from './what-if-figures'

type Props = { rows: WhatIfRow[]; timeZone: string }

const money = (minor: number | null, currency: string): string =>
  minor === null ? '—' : formatMoney(minor, currency)

/** Each subscriber's last billed period, as billed and under the draft; sortable by difference. */
export const WhatIfTable = ({ rows, timeZone }: Props) => {
  const [sort, setSort] = useState<Sort>({ key: 'difference', direction: 'desc' })
  const header = (key: SortKey, label: string, align: 'left' | 'right' = 'right') => (
    <TableCell align={align} sortDirection={sort.key === key ? sort.direction : false}>
      <TableSortLabel
        active={sort.key === key}
        direction={sort.key === key ? sort.direction : key === 'customer' ? 'asc' : 'desc'}
        onClick={() =>
          setSort((now) =>
            now.key === key
              ? { key, direction: now.direction === 'asc' ? 'desc' : 'asc' }
              : { key, direction: key === 'customer' ? 'asc' : 'desc' },
          )
        }
      >
        {label}
      </TableSortLabel>
    </TableCell>
  )
  return (
    <Table size="small" aria-label="What if, per customer">
      <TableHead>
        <TableRow>
          {header('customer', 'Customer', 'left')}
          <TableCell>Last billed period</TableCell>
          <TableCell align="right">Billed</TableCell>
          <TableCell align="right">Under the draft</TableCell>
          {header('difference', 'Difference')}
          {header('percent', 'Change')}
        </TableRow>
      </TableHead>
      <TableBody>
        {sortRows(rows, sort).map((row) => (
          <TableRow key={row.subscriptionId} data-customer={row.externalId}>
            <TableCell>
              {row.customerName} ({row.externalId})
              <Typography
                variant="body2"
                color="text.secondary"
                component="span"
                sx={{ display: 'block' }}
              >
                on version {row.planVersion}
                {row.status === 'not_comparable' ? ` · ${row.reason ?? ''}` : ''}
              </Typography>
            </TableCell>
            <TableCell>
              {row.periodStart && row.periodEnd
                ? formatPeriod(row.periodStart, row.periodEnd, { timeZone })
                : 'Not billed yet'}
            </TableCell>
            <TableCell align="right">{money(row.currentMinor, row.currency)}</TableCell>
            <TableCell align="right">{money(row.draftMinor, row.currency)}</TableCell>
            <TableCell align="right">
              {row.differenceMinor === null ? '—' : signedMoney(row.differenceMinor, row.currency)}
            </TableCell>
            <TableCell align="right">{signedPercent(row.differencePercent)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
