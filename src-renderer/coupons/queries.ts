import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { In } from '../../src-shared/ipc/contract'
import { call } from '../api'
import { channelQuery } from '../channel-query'
import { refreshAfterBillingWrite } from '../invoices/queries'

export const useCoupons = (includeArchived: boolean) =>
  useQuery(channelQuery('coupons:list', { includeArchived }))

export const useCoupon = (code: string | null) =>
  useQuery({ ...channelQuery('coupons:get', { code: code ?? '' }), enabled: code !== null })

/** Coupons and what shows their redemptions (a customer's discounts, audit) are read again. */
const refresh = async (queryClient: QueryClient): Promise<void> => {
  await queryClient.invalidateQueries({
    predicate: ({ queryKey: [channel] }) =>
      typeof channel === 'string' && channel.startsWith('coupons:'),
  })
  await refreshAfterBillingWrite(queryClient)
}

const useCouponMutation = <
  C extends 'coupons:create' | 'coupons:archive' | 'coupons:redeem' | 'coupons:remove',
>(
  channel: C,
) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: In<C>) => call(channel, input),
    onSuccess: () => refresh(queryClient),
  })
}

export const useCreateCoupon = () => useCouponMutation('coupons:create')
export const useArchiveCoupon = () => useCouponMutation('coupons:archive')
export const useRedeemCoupon = () => useCouponMutation('coupons:redeem')
export const useRemoveRedemption = () => useCouponMutation('coupons:remove')
