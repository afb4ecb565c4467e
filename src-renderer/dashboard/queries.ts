import { useQuery } from '@tanstack/react-query'
import { channelQuery } from '../channel-query'

export const useSystemInfo = () => useQuery(channelQuery('system:info', {}))

export const useRecentActivity = (limit: number) =>
  useQuery(channelQuery('audit:list', { limit, offset: 0 }))

export const useDashboard = () => useQuery(channelQuery('dashboard:summary', {}))
