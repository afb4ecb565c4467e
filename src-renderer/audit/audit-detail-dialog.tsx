import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { AuditEntry } from '../../src-shared/domain/audit'
import type { JsonValue } from '../../src-shared/domain/json'
import { formatDateTime } from '../format'
import { changedKeys } from './change-summary'

const JsonPane = ({
  title,
  value,
  absent,
}: {
  title: string
  value: JsonValue | null
  absent: string
}) => (
  <Box sx={{ minWidth: 0, display: 'flex', flexDirection: 'column' }}>
    <Typography variant="overline" component="h3" sx={{ color: 'text.secondary' }}>
      {title}
    </Typography>
    <Box
      component="pre"
      tabIndex={0}
      aria-label={`${title} state`}
      sx={{
        m: 0,
        p: 1.5,
        flexGrow: 1,
        minHeight: 120,
        maxHeight: '55vh',
        overflow: 'auto',
        fontFamily: 'monospace',
        fontSize: 12,
        lineHeight: 1.5,
        bgcolor: 'action.hover',
        borderRadius: 1,
        color: value === null ? 'text.secondary' : 'text.primary',
      }}
    >
      {value === null ? absent : JSON.stringify(value, null, 2)}
    </Box>
  </Box>
)

type Props = {
  /** Kept after closing so the content does not vanish during the exit transition. */
  entry: AuditEntry | undefined
  open: boolean
  onClose: () => void
}

/** One audit entry in full: who, when, and the entity's state before and after, side by side. */
export const AuditDetailDialog = ({ entry, open, onClose }: Props) => {
  const keys = entry ? changedKeys(entry.before, entry.after) : []
  return (
    <Dialog open={open && entry !== undefined} onClose={onClose} maxWidth="lg" fullWidth>
      {entry ? (
        <>
          <DialogTitle>
            {entry.action}
            <Typography
              variant="body2"
              component="span"
              sx={{ display: 'block', color: 'text.secondary' }}
            >
              {entry.entityType} {entry.entityId} · by {entry.operator} · {formatDateTime(entry.at)}{' '}
              · entry #{entry.id}
            </Typography>
          </DialogTitle>
          <DialogContent dividers>
            {keys.length > 0 ? (
              <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 0.5, mb: 2 }}>
                <Typography variant="body2" sx={{ mr: 0.5 }}>
                  Changed:
                </Typography>
                {keys.map((key) => (
                  <Chip key={key} label={key} variant="outlined" />
                ))}
              </Stack>
            ) : null}
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 2 }}>
              <JsonPane title="Before" value={entry.before} absent="Did not exist before." />
              <JsonPane title="After" value={entry.after} absent="Does not exist after." />
            </Box>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} autoFocus>
              Close
            </Button>
          </DialogActions>
        </>
      ) : null}
    </Dialog>
  )
}
