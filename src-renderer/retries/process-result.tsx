import Alert from '@mui/material/Alert'
import type { ProcessResult } from '../../src-shared/domain/payments'

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

/** One processing pass, said in a sentence. */
export const describeProcess = (result: ProcessResult): string => {
  const parts = [
    `${plural(result.attempted, 'operation')} attempted`,
    `${result.succeeded} succeeded`,
    `${result.failed} failed`,
  ]
  if (result.movedToManual > 0)
    parts.push(`${result.movedToManual} moved to the queue for a person`)
  parts.push(`${result.remaining} still waiting`)
  return `${parts.join(', ')}.`
}

export const ProcessResultAlert = ({
  result,
  onClose,
}: {
  result: ProcessResult
  onClose: () => void
}) => (
  <Alert
    severity={
      result.keyRefused !== null
        ? 'error'
        : result.offline || result.rateLimited
          ? 'warning'
          : result.failed > 0
            ? 'info'
            : 'success'
    }
    onClose={onClose}
    role="status"
    aria-label="Processing result"
    sx={{ mb: 2 }}
  >
    {result.keyRefused !== null ? `${result.keyRefused} ` : ''}
    {result.offline ? 'Stripe could not be reached: the pass stopped and the rest waits. ' : ''}
    {result.rateLimited
      ? 'Stripe asked to slow down: the pass stopped and the rest waits for the next one. '
      : ''}
    {describeProcess(result)}
  </Alert>
)
