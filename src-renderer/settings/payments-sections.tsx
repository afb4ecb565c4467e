import Stack from '@mui/material/Stack'
import type { ReactNode } from 'react'
import { useWatch, type Control, type FieldPath } from 'react-hook-form'
import { FormMessage } from '../form/form-message'
import { FormSection } from '../form/form-section'
import { FormSwitch } from '../form/form-switch'
import { FormTextField } from '../form/form-text-field'
import type { EditedSettings, SettingsForm } from './settings-values'

type Props = { control: Control<SettingsForm, unknown, EditedSettings> }

/** "90" → "1 min 30 s", "21600" → "6 h": a delay in seconds read by a person. */
export const describeSeconds = (text: string): string => {
  if (!/^\d+$/.test(text.trim())) return ''
  const seconds = Number(text.trim())
  const parts: string[] = []
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  if (days) parts.push(`${days} d`)
  if (hours) parts.push(`${hours} h`)
  if (minutes) parts.push(`${minutes} min`)
  if (rest || parts.length === 0) parts.push(`${rest} s`)
  return parts.join(' ')
}

const Row = ({ children }: { children: ReactNode }) => (
  <Stack direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
    {children}
  </Stack>
)

/** How the app sends to Stripe and retries what failed. */
export const PaymentsSections = ({ control }: Props) => {
  const delays = useWatch({
    control,
    name: [
      'payments.retry.baseDelaySeconds',
      'payments.retry.maxDelaySeconds',
      'payments.retry.fixedIntervalSeconds',
    ],
  })
  const count = (name: FieldPath<SettingsForm>, label: string, helperText: string, width = 190) => (
    <FormTextField
      control={control}
      name={name}
      label={label}
      helperText={helperText}
      inputMode="numeric"
      sx={{ width }}
    />
  )
  const delay = (index: 0 | 1 | 2, label: string) =>
    count(
      (
        [
          'payments.retry.baseDelaySeconds',
          'payments.retry.maxDelaySeconds',
          'payments.retry.fixedIntervalSeconds',
        ] as const
      )[index],
      label,
      describeSeconds(delays[index]) || 'In seconds',
      200,
    )
  return (
    <>
      <FormSection
        title="Collection"
        hint="While the app is open it sends the outbox, retries what is due and reads Stripe's events on these intervals."
      >
        <Stack spacing={2}>
          <FormSwitch
            control={control}
            name="payments.autoCollect"
            label="Push and collect invoices automatically when they are finalized"
          />
          <Row>
            {count('payments.processEveryMinutes', 'Send every (minutes)', '1 to 1440')}
            {count('payments.syncEveryMinutes', 'Sync events every (minutes)', '1 to 1440')}
            {count(
              'payments.alertThreshold',
              'Alert threshold',
              'Unresolved failures that turn the badge red',
            )}
          </Row>
        </Stack>
      </FormSection>
      <FormSection
        title="Retries"
        hint="Attempts before a failure waits for a person, per strategy, and the delays between them. Declines and expired cards always wait for a person."
      >
        <Stack spacing={2}>
          <Row>
            {count(
              'payments.retry.maxAttempts.exponential',
              'Max attempts, backoff',
              '1 to 50',
              180,
            )}
            {count(
              'payments.retry.maxAttempts.immediate',
              'Max attempts, immediate',
              '1 to 50',
              180,
            )}
            {count(
              'payments.retry.maxAttempts.fixed',
              'Max attempts, fixed interval',
              '1 to 50',
              180,
            )}
          </Row>
          <Row>
            {delay(0, 'First delay (seconds)')}
            {delay(1, 'Longest delay (seconds)')}
            {delay(2, 'Fixed interval (seconds)')}
          </Row>
          {/* The block's own rules (the delays' order) are said beside the delays. */}
          <FormMessage control={control} name="payments" />
          <FormMessage control={control} name="payments.retry" />
        </Stack>
      </FormSection>
    </>
  )
}
