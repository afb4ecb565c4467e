import { CouponRedeemSchema, type CouponRedemption } from '../../src-shared/domain/coupons'
import { contractResolver } from '../form/contract-resolver'
import { FormDialog } from '../form/form-dialog'
import { FormTextField } from '../form/form-text-field'
import { placeIn } from '../form/server-errors'
import { useDialogForm } from '../form/use-dialog-form'
import { useRedeemCoupon } from './queries'

type Props = { externalId: string; onClose: () => void }
type RedeemForm = { code: string }

const placeRedeemError = placeIn(['code'] as const)

/**
 * The customer page's "Redeem a coupon": a code, redeemed on the customer's subscription. A
 * refusal (expired, over its limit, another plan or currency, already active) shows as the
 * server words it.
 */
export const RedeemCouponDialog = ({ externalId, onClose }: Props) => {
  const redeem = useRedeemCoupon()
  const { form, dialog } = useDialogForm<
    RedeemForm,
    { code: string; externalId: string },
    CouponRedemption
  >({
    form: {
      defaultValues: { code: '' },
      resolver: contractResolver(CouponRedeemSchema, (typed: RedeemForm) => ({
        code: typed.code,
        externalId,
      })),
    },
    mutation: redeem,
    place: placeRedeemError,
    onSaved: onClose,
  })
  return (
    <FormDialog title="Redeem a coupon" {...dialog} onCancel={onClose} submitLabel="Redeem">
      <FormTextField
        control={form.control}
        autoFocus
        name="code"
        label="Coupon code"
        helperText="Applies from the next billing period, or this one if it has just begun"
      />
    </FormDialog>
  )
}
