import Chip from '@mui/material/Chip'
import type { ImportStatus } from '../../src-shared/domain/usage'

const looks: Record<
  ImportStatus,
  { label: string; color: 'info' | 'success' | 'warning' | 'error' | 'default' }
> = {
  running: { label: 'Running', color: 'info' },
  completed: { label: 'Completed', color: 'success' },
  cancelled: { label: 'Cancelled', color: 'default' },
  refused: { label: 'Refused', color: 'error' },
  interrupted: { label: 'Interrupted', color: 'warning' },
}

export const ImportStatusChip = ({ status }: { status: ImportStatus }) => (
  <Chip label={looks[status].label} color={looks[status].color} variant="outlined" />
)
