import AddOutlined from '@mui/icons-material/AddOutlined'
import DeleteOutlineOutlined from '@mui/icons-material/DeleteOutlineOutlined'
import Button from '@mui/material/Button'
import FormHelperText from '@mui/material/FormHelperText'
import IconButton from '@mui/material/IconButton'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Tooltip from '@mui/material/Tooltip'
import type { Tier } from '../../src-shared/domain/pricing'
import type { ErrorScope } from './field-errors'
import { TextInput } from './form-fields'
import { optionalText } from './plan-form'

type Props = {
  tiers: readonly Tier[]
  onChange: (tiers: Tier[]) => void
  /** Errors relative to the pricing definition: `tiers[1].up_to`. */
  errors: ErrorScope
  readOnly: boolean
}

type Column = 'up_to' | 'unit_amount' | 'flat_amount'

const columns: readonly { key: Column; label: string; placeholder?: string }[] = [
  { key: 'up_to', label: 'Up to', placeholder: 'No limit' },
  { key: 'unit_amount', label: 'Unit amount' },
  { key: 'flat_amount', label: 'Flat amount', placeholder: '0' },
]

const cellValue = (tier: Tier, key: Column): string => tier[key] ?? ''

const withCell = (tier: Tier, key: Column, text: string): Tier => {
  switch (key) {
    // An empty bound is the open-ended last tier, which the document writes as null.
    case 'up_to':
      return { ...tier, up_to: text === '' ? null : text }
    case 'unit_amount':
      return { ...tier, unit_amount: text }
    case 'flat_amount':
      return { ...tier, flat_amount: optionalText(text) }
  }
}

/**
 * The tiers of a tiered or volume price, one row each. Bounds are cumulative and inclusive; the
 * server checks their order and reports each problem on its own cell.
 */
export const TierTable = ({ tiers, onChange, errors, readOnly }: Props) => {
  const update = (index: number, key: Column, text: string): void => {
    errors.clear(`tiers[${index}].${key}`)
    onChange(tiers.map((tier, i) => (i === index ? withCell(tier, key, text) : tier)))
  }
  // Rows shift when one goes or comes, so messages pinned to row numbers would point elsewhere.
  const reshape = (next: Tier[]): void => {
    errors.clear('tiers')
    onChange(next)
  }
  const tableError = errors.get('tiers')

  return (
    <Stack spacing={1}>
      <Table aria-label="Tiers" sx={{ '& td, & th': { px: 1, verticalAlign: 'top' } }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 56 }}>Tier</TableCell>
            {columns.map((column) => (
              <TableCell key={column.key}>{column.label}</TableCell>
            ))}
            {readOnly ? null : <TableCell sx={{ width: 48 }} aria-label="Remove" />}
          </TableRow>
        </TableHead>
        <TableBody>
          {tiers.map((tier, index) => {
            const number = index + 1
            const rowError = errors.get(`tiers[${index}]`)
            return (
              <TableRow key={index}>
                <TableCell sx={{ pt: '14px !important', color: 'text.secondary' }}>
                  {number}
                  {rowError ? (
                    <FormHelperText error sx={{ mx: 0 }}>
                      {rowError}
                    </FormHelperText>
                  ) : null}
                </TableCell>
                {columns.map((column) => (
                  <TableCell key={column.key}>
                    <TextInput
                      label=""
                      ariaLabel={`Tier ${number} ${column.label.toLowerCase()}`}
                      value={cellValue(tier, column.key)}
                      placeholder={column.placeholder}
                      onChange={(text) => update(index, column.key, text)}
                      error={errors.get(`tiers[${index}].${column.key}`)}
                      readOnly={readOnly}
                      decimal
                      width="100%"
                    />
                  </TableCell>
                ))}
                {readOnly ? null : (
                  <TableCell sx={{ pt: '10px !important' }}>
                    <Tooltip title={`Remove tier ${number}`}>
                      <span>
                        <IconButton
                          aria-label={`Remove tier ${number}`}
                          disabled={tiers.length === 1}
                          onClick={() => reshape(tiers.filter((_tier, i) => i !== index))}
                        >
                          <DeleteOutlineOutlined fontSize="small" />
                        </IconButton>
                      </span>
                    </Tooltip>
                  </TableCell>
                )}
              </TableRow>
            )
          })}
        </TableBody>
      </Table>
      {tableError ? <FormHelperText error>{tableError}</FormHelperText> : null}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        {readOnly ? null : (
          <Button
            startIcon={<AddOutlined />}
            onClick={() => reshape([...tiers, { up_to: null, unit_amount: '' }])}
          >
            Add tier
          </Button>
        )}
        <FormHelperText sx={{ m: 0 }}>
          Amounts are per unit, in major units. Leave “Up to” empty on the last tier for no limit.
        </FormHelperText>
      </Stack>
    </Stack>
  )
}
