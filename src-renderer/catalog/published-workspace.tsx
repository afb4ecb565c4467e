import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import EditOutlined from '@mui/icons-material/EditOutlined'
import type { Plan, PlanVersion } from '../../src-shared/domain/catalog'
import { ErrorAlert } from '../error-alert'
import { noErrors } from './field-errors'
import { termsOf } from '../../src-shared/domain/catalog'
import { formOf } from './plan-form'
import { PlanLayout } from './plan-layout'
import { useSaveDraft } from './queries'
import { TermsEditor } from './terms-editor'

type Props = { plan: Plan; latest: PlanVersion; onNotice: (message: string) => void }

/**
 * A plan whose newest version is published: shown read-only, because subscribers are billed by
 * it. "Edit" copies its terms into a new draft version rather than touching it.
 */
export const PublishedWorkspace = ({ plan, latest, onNotice }: Props) => {
  const startDraft = useSaveDraft()
  return (
    <PlanLayout
      plan={plan}
      current={latest}
      actions={
        <Button
          variant="contained"
          startIcon={<EditOutlined />}
          disabled={startDraft.isPending}
          // The promise, not a per-call callback: the new draft replaces this view on success.
          onClick={() =>
            void startDraft.mutateAsync({ id: plan.id, terms: termsOf(latest) }).then(
              () => onNotice(`Draft version ${latest.version + 1} started`),
              () => undefined,
            )
          }
        >
          Edit
        </Button>
      }
      notice={
        <Box sx={{ mb: 2 }}>
          {startDraft.error ? (
            <ErrorAlert error={startDraft.error} />
          ) : (
            <Alert severity="info" variant="outlined">
              Version {latest.version} is published and cannot change. Edit starts draft version{' '}
              {latest.version + 1} from these terms.
            </Alert>
          )}
        </Box>
      }
      terms={
        <TermsEditor
          form={formOf(plan.name, latest)}
          onChange={() => undefined}
          errors={noErrors}
          readOnly
        />
      }
    />
  )
}
