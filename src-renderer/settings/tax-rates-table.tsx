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
import { useFieldArray, type Control } from 'react-hook-form'
import { FormMessage } from '../form/form-message'
import { FormTextField } from '../form/form-text-field'
import type { EditedSettings, SettingsForm } from './settings-values'

type Props = { control: Control<SettingsForm, unknown, EditedSettings> }

const columns = [
  { key: 'region', label: 'Region', width: 120 },
  { key: 'name', label: 'Tax name', width: 200 },
  { key: 'ratePercent', label: 'Rate percent', width: 110 },
] as const

/** One rate per region; a customer's tax region picks the rate, so no rate lives in code. */
export const TaxRatesTable = ({ control }: Props) => {
  const rates = useFieldArray({ control, name: 'taxRates' })
  return (
    <Box>
      <FormMessage control={control} name="taxRates" />
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
          {rates.fields.length === 0 ? (
            <TableRow>
              <TableCell colSpan={4} sx={{ color: 'text.secondary' }}>
                No tax rates: invoices carry no tax.
              </TableCell>
            </TableRow>
          ) : null}
          {rates.fields.map((row, index) => (
            <TableRow key={row.id}>
              {columns.map((column) => (
                <TableCell key={column.key}>
                  <FormTextField
                    control={control}
                    size="small"
                    name={`taxRates.${index}.${column.key}`}
                    inputAttributes={{ 'aria-label': `${column.label} ${index + 1}` }}
                    inputMode={column.key === 'ratePercent' ? 'decimal' : undefined}
                    sx={{ width: column.width }}
                  />
                </TableCell>
              ))}
              <TableCell padding="checkbox">
                <IconButton
                  aria-label={`Remove tax rate ${index + 1}`}
                  onClick={() => rates.remove(index)}
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
        onClick={() => rates.append({ region: '', name: '', ratePercent: '' })}
      >
        Add tax rate
      </Button>
    </Box>
  )
}
