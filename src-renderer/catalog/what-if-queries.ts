import { useQuery } from '@tanstack/react-query'
import { channelQuery } from '../channel-query'

/** The saved draft's what-if: re-priced on each opening, as usage and invoices move on. */
export const useWhatIf = (planId: string, version: number) =>
  useQuery({ ...channelQuery('what-if:draft', { planId, version }), staleTime: 0 })
