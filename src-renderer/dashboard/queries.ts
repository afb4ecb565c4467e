import { useQuery } from '@tanstack/react-query'
import { channelQuery } from '../channel-query'

export const useDashboard = () => useQuery(channelQuery('dashboard:summary', {}))
