import type SvgIcon from '@mui/material/SvgIcon'
import EventRepeatOutlined from '@mui/icons-material/EventRepeatOutlined'
import ConfirmationNumberOutlined from '@mui/icons-material/ConfirmationNumberOutlined'
import HistoryOutlined from '@mui/icons-material/HistoryOutlined'
import NotificationsActiveOutlined from '@mui/icons-material/NotificationsActiveOutlined'
import Inventory2Outlined from '@mui/icons-material/Inventory2Outlined'
import PaymentsOutlined from '@mui/icons-material/PaymentsOutlined'
import PeopleAltOutlined from '@mui/icons-material/PeopleAltOutlined'
import QueryStatsOutlined from '@mui/icons-material/QueryStatsOutlined'
import ReportProblemOutlined from '@mui/icons-material/ReportProblemOutlined'
import ReplayOutlined from '@mui/icons-material/ReplayOutlined'
import ReceiptLongOutlined from '@mui/icons-material/ReceiptLongOutlined'
import SummarizeOutlined from '@mui/icons-material/SummarizeOutlined'
import SettingsOutlined from '@mui/icons-material/SettingsOutlined'
import SpaceDashboardOutlined from '@mui/icons-material/SpaceDashboardOutlined'

type Area = { label: string; path: string; icon: typeof SvgIcon }

/**
 * The single source for each area's route, navigation label and page heading: end-to-end tests
 * find pages by the heading and the nav link name, so the two must never drift apart.
 */
export const areas = {
  dashboard: { label: 'Dashboard', path: '/', icon: SpaceDashboardOutlined },
  catalog: { label: 'Catalog', path: '/catalog', icon: Inventory2Outlined },
  // Coupons (issue 21, item 6): part of the catalog, listed right under it.
  coupons: { label: 'Coupons', path: '/coupons', icon: ConfirmationNumberOutlined },
  customers: { label: 'Customers', path: '/customers', icon: PeopleAltOutlined },
  usage: { label: 'Usage', path: '/usage', icon: QueryStatsOutlined },
  // Usage alerts (issue 21, item 4).
  alerts: { label: 'Alerts', path: '/alerts', icon: NotificationsActiveOutlined },
  billingRuns: { label: 'Billing runs', path: '/billing-runs', icon: EventRepeatOutlined },
  invoices: { label: 'Invoices', path: '/invoices', icon: ReceiptLongOutlined },
  payments: { label: 'Payments', path: '/payments', icon: PaymentsOutlined },
  retries: { label: 'Retry queue', path: '/retries', icon: ReplayOutlined },
  // Disputes (issue 21, item 1).
  disputes: { label: 'Disputes', path: '/disputes', icon: ReportProblemOutlined },
  // Reports (issue 21, item 2).
  reports: { label: 'Reports', path: '/reports', icon: SummarizeOutlined },
  audit: { label: 'Audit log', path: '/audit', icon: HistoryOutlined },
  settings: { label: 'Settings', path: '/settings', icon: SettingsOutlined },
} as const satisfies Record<string, Area>

export type AreaId = keyof typeof areas

/** Navigation order; object key order is not something to rely on. */
export const navOrder: readonly AreaId[] = [
  'dashboard',
  'catalog',
  'coupons',
  'customers',
  'usage',
  'alerts',
  'billingRuns',
  'invoices',
  'payments',
  'retries',
  'disputes',
  'reports',
  'audit',
  'settings',
]

/** The area a location belongs to; nested paths (`/customers/42`) belong to their area. */
export const areaForPath = (pathname: string): AreaId | undefined =>
  navOrder.find((id) => {
    const { path } = areas[id]
    return path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`)
  })
