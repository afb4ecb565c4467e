import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useWatch, type Control } from 'react-hook-form'
import { useSchedule } from '../billing-runs/queries'
import { formatDateTime } from '../format'
import { FormMessage } from '../form/form-message'
import { FormSection } from '../form/form-section'
import { FormSwitch } from '../form/form-switch'
import { FormTextField } from '../form/form-text-field'
import type { EditedSettings, SettingsForm } from './settings-values'
import { TaxRatesTable } from './tax-rates-table'

type Props = {
  control: Control<SettingsForm, unknown, EditedSettings>
  /** The saved zone: the schedule runs by it until a new one is saved. */
  timeZone: string
}

/** An instant as read in the business time zone, e.g. "Dec 1, 2026, 02:00". */
const inZone = (iso: string, timeZone: string): string => {
  try {
    return new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(new Date(iso))
  } catch {
    return formatDateTime(iso)
  }
}

const NextRun = ({ timeZone }: { timeZone: string }) => {
  const schedule = useSchedule()
  if (!schedule.data) return null
  const { enabled, next } = schedule.data
  return (
    <Typography variant="body2" data-testid="schedule-next" aria-live="polite">
      {enabled && next
        ? `Next run: ${inZone(next, timeZone)} (${timeZone}); ${formatDateTime(next)} on this computer.`
        : 'The schedule is off.'}
    </Typography>
  )
}

const width = { sx: { width: 200 } } as const
const capitals = (typed: string): string => typed.toUpperCase()

/** Tax rates, the billing schedule, grace and payment terms, numbering. */
export const BillingSections = ({ control, timeZone }: Props) => {
  const [invoicePrefix, creditNotePrefix] = useWatch({
    control,
    name: ['invoicePrefix', 'creditNotePrefix'],
  })
  return (
    <>
      <FormSection
        title="Tax rates"
        id="tax-rates"
        hint="The customer's tax region picks the rate; exempt customers pay none."
      >
        <TaxRatesTable control={control} />
      </FormSection>
      <FormSection
        title="Billing schedule"
        hint={`Billing runs by itself while the app is open, in the business time zone (${timeZone}). A run missed while the app was closed happens at the next start.`}
      >
        <Stack spacing={2}>
          <FormSwitch
            control={control}
            name="billingSchedule.enabled"
            label="Run billing on a schedule"
          />
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            <FormTextField
              control={control}
              name="billingSchedule.dayOfMonth"
              label="Day of month"
              helperText="1 to 28"
              inputMode="numeric"
              sx={{ width: 160 }}
            />
            <FormTextField
              control={control}
              type="time"
              name="billingSchedule.time"
              label="Time"
              helperText={timeZone}
              sx={{ width: 160 }}
            />
          </Stack>
          <FormMessage control={control} name="billingSchedule" />
          <NextRun timeZone={timeZone} />
        </Stack>
      </FormSection>
      <FormSection
        title="Terms and numbering"
        hint="How long drafts wait, when invoices are due, and how they are numbered."
      >
        <Stack
          direction="row"
          useFlexGap
          sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}
        >
          <FormTextField
            control={control}
            name="draftGraceDays"
            label="Draft grace days"
            helperText="Before a draft is finalized by itself"
            inputMode="numeric"
            {...width}
          />
          <FormTextField
            control={control}
            name="paymentTermsDays"
            label="Payment terms days"
            helperText="From finalization to due date"
            inputMode="numeric"
            {...width}
          />
          <FormTextField
            control={control}
            name="invoicePrefix"
            label="Invoice prefix"
            helperText={`Numbers read ${invoicePrefix || 'MB'}-YYYY-000123`}
            transform={capitals}
            {...width}
          />
          <FormTextField
            control={control}
            name="creditNotePrefix"
            label="Credit note prefix"
            helperText={`Numbers read ${creditNotePrefix || 'CN'}-YYYY-000123`}
            transform={capitals}
            {...width}
          />
        </Stack>
      </FormSection>
    </>
  )
}
