import Chip from '@mui/material/Chip'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { UsageTotal } from '../../src-shared/domain/usage'
import { formatQuantity } from '../customers/formats'
import { ErrorAlert } from '../error-alert'

type Props = { totals: UsageTotal[] | undefined; error: unknown }

/** Each metric's total over every event the filters select (not only the page shown). */
export const UsageTotals = ({ totals, error }: Props) => (
  <Stack
    component="section"
    aria-label="Totals for these filters"
    direction="row"
    useFlexGap
    sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}
  >
    <Typography variant="subtitle2" component="h2">
      Totals
    </Typography>
    {error ? <ErrorAlert error={error} /> : null}
    {totals?.length === 0 ? (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        No events
      </Typography>
    ) : null}
    {(totals ?? []).map((total) => (
      <Chip
        key={total.metric}
        variant="outlined"
        data-testid={`usage-total-${total.metric}`}
        label={`${total.metric}: ${formatQuantity(total.quantity)} (${total.count.toLocaleString()} events)`}
      />
    ))}
  </Stack>
)
