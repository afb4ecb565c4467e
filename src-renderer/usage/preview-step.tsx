import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import FormControl from '@mui/material/FormControl'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormHelperText from '@mui/material/FormHelperText'
import FormLabel from '@mui/material/FormLabel'
import Paper from '@mui/material/Paper'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Tooltip from '@mui/material/Tooltip'
import Typography from '@mui/material/Typography'
import type { Theme } from '@mui/material/styles'
import {
  importPolicies,
  usageFields,
  type ColumnMapping,
  type ImportPolicy,
  type UsagePreview,
} from '../../src-shared/domain/usage'
import { fieldLabels } from './mapping-step'

export const policyLabels: Record<ImportPolicy, string> = {
  keep_valid: 'Import valid rows and keep the rejected ones',
  all_or_nothing: 'All or nothing',
}

const policyHelp: Record<ImportPolicy, string> = {
  keep_valid: 'Good rows are imported; each bad one is kept with its reason, to fix and re-import.',
  all_or_nothing: 'If any row is rejected, nothing from this file is imported.',
}

/** A tint of the theme's error colour, readable in light and dark. */
const invalidCell = (theme: Theme) => {
  const error = (theme.vars ?? theme).palette.error.main
  return {
    bgcolor: theme.alpha(error, 0.16),
    boxShadow: `inset 0 0 0 1px ${theme.alpha(error, 0.7)}`,
  }
}

type Props = {
  preview: UsagePreview
  mapping: ColumnMapping
  policy: ImportPolicy
  onPolicy: (policy: ImportPolicy) => void
}

const PreviewTable = ({ preview, mapping }: Pick<Props, 'preview' | 'mapping'>) => {
  const fieldOf = new Map(usageFields.map((field) => [mapping[field], field]))
  const headers = new Set(preview.headers)
  // A problem no column owns (a short row, bad JSON) still needs a place on screen.
  const rowProblem = (errors: Record<string, string>): string =>
    Object.entries(errors)
      .filter(([column]) => !headers.has(column))
      .map(([column, reason]) => (column ? `${column}: ${reason}` : reason))
      .join('; ')
  const anyRowProblem = preview.rows.some((row) => rowProblem(row.errors) !== '')

  return (
    <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 520 }}>
      <Table stickyHeader aria-label="Preview">
        <TableHead>
          <TableRow>
            <TableCell align="right">Row</TableCell>
            {preview.headers.map((header) => {
              const field = fieldOf.get(header)
              return (
                <TableCell key={header} sx={{ whiteSpace: 'nowrap' }}>
                  <Box component="code" sx={{ fontFamily: 'monospace' }}>
                    {header}
                  </Box>
                  {field ? (
                    <Typography
                      variant="caption"
                      component="div"
                      sx={{ color: 'text.secondary', fontWeight: 400 }}
                    >
                      {fieldLabels[field].replace(/ column$/, '')}
                    </Typography>
                  ) : null}
                </TableCell>
              )
            })}
            {anyRowProblem ? <TableCell>Problem</TableCell> : null}
          </TableRow>
        </TableHead>
        <TableBody>
          {preview.rows.map((row) => {
            const problem = rowProblem(row.errors)
            return (
              <TableRow key={row.rowNumber}>
                <TableCell align="right" sx={{ color: 'text.secondary' }}>
                  {row.rowNumber}
                </TableCell>
                {preview.headers.map((header) => {
                  const reason = row.errors[header]
                  const cell = (
                    <TableCell
                      key={header}
                      data-invalid={reason ? 'true' : undefined}
                      aria-invalid={reason ? 'true' : undefined}
                      aria-description={reason}
                      sx={[
                        { fontFamily: 'monospace', fontSize: 12, whiteSpace: 'nowrap' },
                        reason ? invalidCell : false,
                      ]}
                    >
                      {row.cells[header] ?? ''}
                    </TableCell>
                  )
                  // describeChild: the cell keeps its value as its name; the reason describes it.
                  return reason ? (
                    <Tooltip key={header} title={reason} describeChild placement="top">
                      {cell}
                    </Tooltip>
                  ) : (
                    cell
                  )
                })}
                {anyRowProblem ? (
                  <TableCell
                    data-invalid={problem ? 'true' : undefined}
                    sx={{ color: 'error.main' }}
                  >
                    {problem}
                  </TableCell>
                ) : null}
              </TableRow>
            )
          })}
        </TableBody>
      </Table>
    </TableContainer>
  )
}

/** Step 3: the first rows as the import would read them, and what to do with bad rows. */
export const PreviewStep = ({ preview, mapping, policy, onPolicy }: Props) => {
  const bad = preview.rows.filter((row) => Object.keys(row.errors).length > 0).length
  return (
    <Stack spacing={2}>
      {preview.rows.length === 0 ? (
        <Alert severity="warning">No rows were found at the start of the file.</Alert>
      ) : (
        <Alert severity={bad > 0 ? 'warning' : 'success'}>
          {bad > 0
            ? `${bad} of the first ${preview.rows.length} rows would be rejected. Hover a marked cell for the reason.`
            : `The first ${preview.rows.length} rows read cleanly.`}
        </Alert>
      )}
      {preview.rows.length > 0 ? <PreviewTable preview={preview} mapping={mapping} /> : null}
      <FormControl>
        <FormLabel id="usage-import-policy">Rejected rows</FormLabel>
        <RadioGroup
          aria-labelledby="usage-import-policy"
          value={policy}
          onChange={(event) => {
            const next = importPolicies.find((option) => option === event.target.value)
            if (next) onPolicy(next)
          }}
        >
          {importPolicies.map((option) => (
            <FormControlLabel
              key={option}
              value={option}
              control={<Radio />}
              label={policyLabels[option]}
            />
          ))}
        </RadioGroup>
        <FormHelperText sx={{ mx: 0 }}>{policyHelp[policy]}</FormHelperText>
      </FormControl>
    </Stack>
  )
}
