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
import type { ErrorScope } from './field-errors'
import { TextInput } from './form-fields'

/** A tier row: its bound, and decimal-string cells (an optional one is left out when empty). */
type Row = { up_to: string | null } & { [key: string]: string | null | undefined }

export type TierColumn<T> = {
  key: Exclude<keyof T & string, 'up_to'>
  label: string
  placeholder?: string
  /** Left out of the definition when empty, rather than written as "". */
  optional?: boolean
}

type Props<T extends Row> = {
  tiers: readonly T[]
  onChange: (tiers: T[]) => void
  /** The amount columns after "Up to": per unit and per block, or a percent. */
  columns: readonly TierColumn<T>[]
  /** The row "Add tier" appends. */
  blank: T
  /** What the amounts mean, under the table. */
  hint: string
  /** Errors relative to the pricing definition: `tiers[1].up_to`. */
  errors: ErrorScope
  readOnly: boolean
}

const cellValue = (tier: Row, key: string): string => tier[key] ?? ''

const withCell = <T extends Row>(tier: T, key: string, text: string, optional: boolean): T => {
  // An empty bound is the open-ended last tier, which the document writes as null.
  if (key === 'up_to') return { ...tier, up_to: text === '' ? null : text }
  if (optional && text === '')
    return Object.fromEntries(Object.entries(tier).filter(([name]) => name !== key)) as T
  return { ...tier, [key]: text }
}

/**
 * The tiers of a tiered, volume or graduated percentage price, one row each. Bounds are
 * cumulative and inclusive; the server checks their order and reports each problem on its own
 * cell. A bounded last tier is allowed: the table says that larger quantities are priced at it.
 */
export const TierTable = <T extends Row>({
  tiers,
  onChange,
  columns: amountColumns,
  blank,
  hint,
  errors,
  readOnly,
}: Props<T>) => {
  const columns: readonly {
    key: string
    label: string
    placeholder?: string
    optional?: boolean
  }[] = [{ key: 'up_to', label: 'Up to', placeholder: 'No limit' }, ...amountColumns]
  const lastBound = tiers[tiers.length - 1]?.up_to ?? null
  const update = (index: number, key: string, text: string): void => {
    errors.clear(`tiers[${index}].${key}`)
    const optional = columns.find((c) => c.key === key)?.optional === true
    onChange(tiers.map((tier, i) => (i === index ? withCell(tier, key, text, optional) : tier)))
  }
  // Rows shift when one goes or comes, so messages pinned to row numbers would point elsewhere.
  const reshape = (next: T[]): void => {
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
      {lastBound !== null ? (
        <FormHelperText data-testid="bounded-last-tier">
          The last tier has a bound: quantities past {lastBound} are priced at the last tier.
        </FormHelperText>
      ) : null}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        {readOnly ? null : (
          <Button startIcon={<AddOutlined />} onClick={() => reshape([...tiers, { ...blank }])}>
            Add tier
          </Button>
        )}
        <FormHelperText sx={{ m: 0 }}>
          {hint} Leave “Up to” empty on the last tier for no limit.
        </FormHelperText>
      </Stack>
    </Stack>
  )
}
