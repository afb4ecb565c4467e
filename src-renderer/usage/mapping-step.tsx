import Box from '@mui/material/Box'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { usageFields, type ColumnMapping, type UsageField } from '../../src-shared/domain/usage'

export const fieldLabels: Record<UsageField, string> = {
  event_id: 'Event id column',
  customer_id: 'Customer column',
  metric: 'Metric column',
  quantity: 'Quantity column',
  timestamp: 'Timestamp column',
}

const fieldHelp: Record<UsageField, string> = {
  event_id: 'Unique per event: a row seen before is counted as a duplicate, not imported twice',
  customer_id: "The customer's external id",
  metric: 'The feature code, e.g. api_calls',
  quantity: 'A decimal number, e.g. 12 or 0.5',
  timestamp: 'An ISO 8601 instant, e.g. 2026-11-20T14:03:00Z',
}

type Props = {
  headers: readonly string[]
  delimiter: string | null
  mapping: Partial<ColumnMapping>
  errors: Partial<Record<UsageField, string>>
  onChange: (field: UsageField, column: string) => void
}

const delimiterNames: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' }

/** Step 2: which source column carries each field; the rest are kept as event properties. */
export const MappingStep = ({ headers, delimiter, mapping, errors, onChange }: Props) => {
  const used = new Set(Object.values(mapping))
  const extra = headers.filter((header) => !used.has(header))
  return (
    <Stack spacing={2} sx={{ maxWidth: 640 }}>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        Found {headers.length} columns
        {delimiter ? ` separated by ${delimiterNames[delimiter] ?? `"${delimiter}"`}` : ''}.
      </Typography>
      {usageFields.map((field) => (
        <TextField
          key={field}
          select
          label={fieldLabels[field]}
          value={mapping[field] ?? ''}
          onChange={(event) => onChange(field, event.target.value)}
          error={Boolean(errors[field])}
          helperText={errors[field] ?? fieldHelp[field]}
        >
          {headers.map((header) => (
            <MenuItem key={header} value={header}>
              <Box component="code" sx={{ fontFamily: 'monospace', fontSize: 13 }}>
                {header}
              </Box>
            </MenuItem>
          ))}
        </TextField>
      ))}
      {extra.length > 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          Kept as properties of each event: {extra.join(', ')}
        </Typography>
      ) : null}
    </Stack>
  )
}
