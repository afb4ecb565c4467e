import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import { useWatch } from 'react-hook-form'
import { CouponInputSchema, type Coupon, type CouponInput } from '../../src-shared/domain/coupons'
import { contractResolver } from '../form/contract-resolver'
import { FormDialog } from '../form/form-dialog'
import { FormTextField } from '../form/form-text-field'
import { placeIn } from '../form/server-errors'
import { useDialogForm } from '../form/use-dialog-form'
import { couponInputOf, couponProblems, emptyCouponForm, type CouponForm } from './coupon-form'
import { useCreateCoupon } from './queries'

const placeCouponError = (path: string): keyof CouponForm | undefined =>
  path.startsWith('amountsOff.0.currency')
    ? 'currency'
    : path.startsWith('amountsOff')
      ? 'amount'
      : placeIn([
          'code',
          'name',
          'percentOff',
          'periods',
          'maxRedemptions',
          'expiresOn',
          'plans',
        ] as const satisfies readonly (keyof CouponForm)[])(path)

/** A new coupon code: percent or amount off, for how long, how often, until when, for which plans. */
export const NewCouponDialog = ({ onClose }: { onClose: () => void }) => {
  const create = useCreateCoupon()
  const { form, dialog } = useDialogForm<CouponForm, CouponInput, Coupon>({
    form: {
      defaultValues: emptyCouponForm,
      resolver: contractResolver(CouponInputSchema, couponInputOf, { problems: couponProblems }),
    },
    mutation: create,
    place: placeCouponError,
    onSaved: onClose,
  })
  const { control } = form
  const [kind, duration] = useWatch({ control, name: ['kind', 'duration'] })

  return (
    <FormDialog title="New coupon" {...dialog} onCancel={onClose} submitLabel="Create coupon">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <FormTextField
          control={control}
          autoFocus
          name="code"
          label="Code"
          helperText="Letters, digits, - or _; case does not matter"
        />
        <FormTextField control={control} name="name" label="Name" />
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <FormTextField control={control} select name="kind" label="Kind" sx={{ width: 200 }}>
          <MenuItem value="percent">Percent off</MenuItem>
          <MenuItem value="amount">Amount off</MenuItem>
        </FormTextField>
        {kind === 'percent' ? (
          <FormTextField control={control} name="percentOff" label="Percent" inputMode="decimal" />
        ) : (
          <>
            <FormTextField control={control} name="currency" label="Currency" sx={{ width: 110 }} />
            <FormTextField control={control} name="amount" label="Amount" inputMode="decimal" />
          </>
        )}
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <FormTextField
          control={control}
          select
          name="duration"
          label="Duration"
          sx={{ width: 200 }}
        >
          <MenuItem value="once">Once</MenuItem>
          <MenuItem value="repeating">For a number of periods</MenuItem>
          <MenuItem value="forever">Forever</MenuItem>
        </FormTextField>
        {duration === 'repeating' ? (
          <FormTextField
            control={control}
            name="periods"
            label="Periods"
            inputMode="numeric"
            sx={{ width: 120 }}
          />
        ) : null}
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <FormTextField
          control={control}
          name="maxRedemptions"
          label="Redemption limit"
          helperText="Empty: no limit"
          inputMode="numeric"
        />
        <FormTextField
          control={control}
          type="date"
          name="expiresOn"
          label="Last day to redeem (optional)"
        />
      </Stack>
      <FormTextField
        control={control}
        name="plans"
        label="Plans"
        helperText="Plan ids separated by commas; empty: every plan"
      />
    </FormDialog>
  )
}
