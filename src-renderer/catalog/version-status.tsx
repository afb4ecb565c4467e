import Chip from '@mui/material/Chip'
import type { PlanVersion } from '../../src-shared/domain/catalog'

/** Draft or published, the same chip everywhere a version is listed. */
export const VersionStatusChip = ({ status }: Pick<PlanVersion, 'status'>) =>
  status === 'draft' ? (
    <Chip label="Draft" color="warning" variant="outlined" />
  ) : (
    <Chip label="Published" color="success" variant="outlined" />
  )
