import DownloadOutlined from '@mui/icons-material/DownloadOutlined'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import { useState } from 'react'
import type { ReportFileQuery, ReportFormat } from '../../src-shared/domain/reports'
import { ErrorAlert } from '../error-alert'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { AgedView } from './aged-view'
import { downloadFile, useAgedReceivables, useReportFile, useUsageBilling } from './queries'
import { UsageBillingView } from './usage-billing-view'

type Kind = 'month' | 'year' | 'aged'

const pad = (n: number): string => String(n).padStart(2, '0')
const now = new Date()
const thisMonth = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`
const today = `${thisMonth}-${pad(now.getDate())}`

/**
 * Reports (issue 21): a month's or year's usage and billing, or receivables aged as of a day,
 * for everyone or one customer; the figures on screen and the same ones as CSV or PDF.
 */
export const ReportsPage = () => {
  const [kind, setKind] = useState<Kind>('month')
  const [month, setMonth] = useState(thisMonth)
  const [year, setYear] = useState(String(now.getFullYear()))
  const [asOf, setAsOf] = useState(today)
  const [customerText, setCustomerText] = useState('')
  // The customer filter applies when the field is left or Enter is pressed, not at each key.
  const [customer, setCustomer] = useState('')
  const only = customer === '' ? {} : { customerId: customer }

  const validMonth = /^\d{4}-\d{2}$/.test(month)
  const validYear = /^\d{4}$/.test(year)
  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(asOf)
  const period =
    kind === 'month' && validMonth
      ? { kind: 'month' as const, month }
      : kind === 'year' && validYear
        ? { kind: 'year' as const, year: Number(year) }
        : null
  const usageBilling = useUsageBilling(period ? { period, ...only } : null)
  const aged = useAgedReceivables(kind === 'aged' && validDay ? { asOf, ...only } : null)
  const shown = kind === 'aged' ? aged : usageBilling
  const file = useReportFile()

  const fileQuery = (format: ReportFormat): ReportFileQuery | null => {
    if (kind === 'aged')
      return validDay ? { report: 'aged-receivables', asOf, format, ...only } : null
    return period ? { report: 'usage-billing', period, format, ...only } : null
  }
  const download = (format: ReportFormat) => {
    const query = fileQuery(format)
    if (query) file.mutate(query, { onSuccess: downloadFile })
  }
  const commitCustomer = () => setCustomer(customerText.trim())

  return (
    <>
      <PageHeader
        title={areas.reports.label}
        description="Usage and billing per month or year, and receivables by days past due, per customer and currency."
        actions={(['csv', 'pdf'] as const).map((format) => (
          <Button
            key={format}
            variant="outlined"
            startIcon={<DownloadOutlined />}
            disabled={file.isPending || fileQuery(format) === null}
            onClick={() => download(format)}
          >
            Download {format.toUpperCase()}
          </Button>
        ))}
      />
      <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={kind}
          aria-label="Report"
          onChange={(_event, value: Kind | null) => {
            if (value) setKind(value)
          }}
        >
          <ToggleButton value="month">Monthly</ToggleButton>
          <ToggleButton value="year">Annual</ToggleButton>
          <ToggleButton value="aged">Aged receivables</ToggleButton>
        </ToggleButtonGroup>
        {kind === 'month' ? (
          <TextField
            type="month"
            label="Month"
            size="small"
            value={month}
            error={!validMonth}
            onChange={(e) => setMonth(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        ) : null}
        {kind === 'year' ? (
          <TextField
            label="Year"
            size="small"
            value={year}
            error={!validYear}
            onChange={(e) => setYear(e.target.value)}
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            sx={{ width: 110 }}
          />
        ) : null}
        {kind === 'aged' ? (
          <TextField
            type="date"
            label="As of"
            size="small"
            value={asOf}
            error={!validDay}
            onChange={(e) => setAsOf(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        ) : null}
        <TextField
          label="Customer ID (optional)"
          size="small"
          value={customerText}
          onChange={(e) => setCustomerText(e.target.value)}
          onBlur={commitCustomer}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitCustomer()
          }}
        />
      </Stack>
      {shown.isFetching ? <LinearProgress aria-label="Loading the report" sx={{ mb: 1 }} /> : null}
      {shown.isError ? <ErrorAlert error={shown.error} /> : null}
      {file.isError ? <ErrorAlert error={file.error} /> : null}
      {kind === 'aged'
        ? aged.data && <AgedView report={aged.data} />
        : usageBilling.data && <UsageBillingView report={usageBilling.data} />}
    </>
  )
}
