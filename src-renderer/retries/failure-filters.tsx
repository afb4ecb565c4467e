import FilterAltOffOutlined from '@mui/icons-material/FilterAltOffOutlined'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { retryStrategies } from '../../src-shared/domain/payments'
import { CommitField } from '../customers/commit-field'
import { failureStatusLooks, knownErrorTypes, strategyLooks } from './labels'
import {
  amountCurrency,
  filterProblems,
  hasFilters,
  statusFilters,
  type RetryFilters,
} from './view'

type Props = {
  filters: RetryFilters
  /** Error types seen among unresolved failures (from the report), besides Stripe's known ones. */
  seenErrorTypes: readonly string[]
  /** What the minimum amount is typed in when no currency is chosen (the default currency). */
  currency: string
  /** Currencies the queue holds amounts in, to choose from. */
  currencies: readonly string[]
  onChange: (patch: Partial<RetryFilters>) => void
  onClear: () => void
}

const statusLabel = (status: RetryFilters['status']): string =>
  status === 'all' ? 'All' : failureStatusLooks[status].label

export const FailureFilters = ({
  filters,
  seenErrorTypes,
  currency,
  currencies,
  onChange,
  onClear,
}: Props) => {
  const problems = filterProblems(filters, currency)
  const amountIn = amountCurrency(filters, currency)
  const currencyOptions = [...new Set([currency, ...currencies, amountIn])].sort()
  const errorTypes = [
    ...new Set([
      ...knownErrorTypes,
      ...seenErrorTypes,
      ...(filters.errorType ? [filters.errorType] : []),
    ]),
  ].sort()
  return (
    <Stack role="search" aria-label="Failure filters" spacing={1.5} sx={{ mb: 2 }}>
      <Stack
        direction="row"
        useFlexGap
        role="group"
        aria-label="Status"
        sx={{ gap: 1, flexWrap: 'wrap' }}
      >
        {statusFilters.map((status) => (
          <Chip
            key={status}
            label={statusLabel(status)}
            color={filters.status === status ? 'primary' : 'default'}
            variant={filters.status === status ? 'filled' : 'outlined'}
            aria-pressed={filters.status === status}
            onClick={() => onChange({ status })}
          />
        ))}
        <Button
          size="small"
          startIcon={<FilterAltOffOutlined />}
          disabled={!hasFilters(filters)}
          onClick={onClear}
          sx={{ ml: 'auto' }}
        >
          Clear filters
        </Button>
      </Stack>
      <Stack direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <CommitField
          label="Customer"
          type="search"
          value={filters.customer}
          onCommit={(customer) => onChange({ customer })}
          width={170}
        />
        <TextField
          select
          label="Strategy"
          value={filters.strategy}
          onChange={(event) =>
            onChange({ strategy: retryStrategies.find((s) => s === event.target.value) ?? '' })
          }
          sx={{ width: 150 }}
        >
          <MenuItem value="">
            <em>Any</em>
          </MenuItem>
          {retryStrategies.map((strategy) => (
            <MenuItem key={strategy} value={strategy}>
              {strategyLooks[strategy].label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label="Error type"
          value={filters.errorType}
          onChange={(event) => onChange({ errorType: event.target.value })}
          sx={{ width: 170 }}
        >
          <MenuItem value="">
            <em>Any</em>
          </MenuItem>
          {errorTypes.map((type) => (
            <MenuItem key={type} value={type}>
              {type}
            </MenuItem>
          ))}
        </TextField>
        <Stack direction="row" spacing={0.5}>
          <TextField
            label="Minimum age"
            value={filters.minAge}
            onChange={(event) => onChange({ minAge: event.target.value })}
            error={Boolean(problems.minAge)}
            helperText={problems.minAge ?? ' '}
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            sx={{ width: 130 }}
          />
          <TextField
            select
            label="Age unit"
            value={filters.ageUnit}
            onChange={(event) => onChange({ ageUnit: event.target.value === 'd' ? 'd' : 'h' })}
            sx={{ width: 100 }}
          >
            <MenuItem value="h">hours</MenuItem>
            <MenuItem value="d">days</MenuItem>
          </TextField>
        </Stack>
        <TextField
          select
          label="Currency"
          value={filters.currency}
          onChange={(event) => onChange({ currency: event.target.value })}
          sx={{ width: 110 }}
        >
          <MenuItem value="">
            <em>Any</em>
          </MenuItem>
          {currencyOptions.map((code) => (
            <MenuItem key={code} value={code}>
              {code}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label={`Minimum amount (${amountIn})`}
          value={filters.minAmount}
          onChange={(event) => onChange({ minAmount: event.target.value })}
          error={Boolean(problems.minAmount)}
          helperText={problems.minAmount ?? ' '}
          slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          sx={{ width: 190 }}
        />
      </Stack>
    </Stack>
  )
}
