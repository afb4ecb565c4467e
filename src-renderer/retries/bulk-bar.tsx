import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import { actionLooks, actionOrder, failuresLabel, type ActionKind } from './actions'

type Props = {
  count: number
  onAction: (kind: ActionKind) => void
  onClear: () => void
}

/** The actions for the selected rows, the same ones the detail offers for one record. */
export const BulkBar = ({ count, onAction, onClear }: Props) => (
  <Paper
    variant="outlined"
    role="toolbar"
    aria-label="Selected failures"
    sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, p: 1, mb: 1 }}
  >
    <Typography variant="body2" sx={{ mx: 1, fontWeight: 600 }}>
      {failuresLabel(count)} selected
    </Typography>
    {actionOrder.map((kind) => (
      <Button
        key={kind}
        size="small"
        variant="outlined"
        color={actionLooks[kind].destructive ? 'error' : 'primary'}
        onClick={() => onAction(kind)}
      >
        {actionLooks[kind].label}
      </Button>
    ))}
    <Button size="small" onClick={onClear} sx={{ ml: 'auto' }}>
      Clear selection
    </Button>
  </Paper>
)
