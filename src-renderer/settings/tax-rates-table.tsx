import AddOutlined from '@mui/icons-material/AddOutlined'
import DeleteOutlined from '@mui/icons-material/DeleteOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import IconButton from '@mui/material/IconButton'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import type { Settings } from '../../src-shared/domain/settings'

export type TaxRate = Settings['taxRates'][number]

type Props = {
  rates: TaxRate[]
  onChange: (rates: TaxRate[]) => void
  /** Server errors keyed as the patch: `taxRates`, `taxRates[0].ratePercent`. */
  errorAt: (path: string) => string | undefined
}

/** One rate per region; a customer's tax region picks the rate, so no rate lives in code. */
export const TaxRatesTable = ({ rates, onChange, errorAt }: Props) => {
  const update = (index: number, patch: Partial<TaxRate>): void =>
    onChange(rates.map((rate, i) => (i === index ? { ...rate, ...patch } : rate)))
  const cell = (index: number, key: keyof TaxRate, label: string, width: number) => (
    <TextField
      size="small"
      value={rates[index]?.[key] ?? ''}
      onChange={(event) => update(index, { [key]: event.target.value })}
      error={Boolean(errorAt(`taxRates[${index}].${key}`))}
      helperText={errorAt(`taxRates[${index}].${key}`)}
      slotProps={{
        htmlInput: {
          'aria-label': `${label} ${index + 1}`,
          inputMode: key === 'ratePercent' ? 'decimal' : undefined,
        },
      }}
      sx={{ width }}
    />
  )
  return (
    <Box>
      {errorAt('taxRates') ? (
        <Typography variant="body2" color="error" sx={{ mb: 1 }}>
          {errorAt('taxRates')}
        </Typography>
      ) : null}
      <Table size="small" aria-label="Tax rates">
        <TableHead>
          <TableRow>
            <TableCell>Region</TableCell>
            <TableCell>Name</TableCell>
            <TableCell>Rate %</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {rates.length === 0 ? (
            <TableRow>
              <TableCell colSpan={4} sx={{ color: 'text.secondary' }}>
                No tax rates: invoices carry no tax.
              </TableCell>
            </TableRow>
          ) : null}
          {rates.map((_rate, index) => (
            <TableRow key={index}>
              <TableCell>{cell(index, 'region', 'Region', 120)}</TableCell>
              <TableCell>{cell(index, 'name', 'Tax name', 200)}</TableCell>
              <TableCell>{cell(index, 'ratePercent', 'Rate percent', 110)}</TableCell>
              <TableCell padding="checkbox">
                <IconButton
                  aria-label={`Remove tax rate ${index + 1}`}
                  onClick={() => onChange(rates.filter((_, i) => i !== index))}
                >
                  <DeleteOutlined />
                </IconButton>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Button
        startIcon={<AddOutlined />}
        sx={{ mt: 1 }}
        onClick={() => onChange([...rates, { region: '', name: '', ratePercent: '' }])}
      >
        Add tax rate
      </Button>
    </Box>
  )
}
