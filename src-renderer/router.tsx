import type { QueryClient } from '@tanstack/react-query'
import { createHashRouter } from 'react-router'
import { channelQuery } from './channel-query'
import { RouteErrorFallback } from './error-boundary'
import { lazyPage } from './lazy-page'
import { AppShell } from './shell/app-shell'
import { NotFoundPage } from './shell/not-found'

// Every page is its own chunk, loaded when first opened (lazy-page.tsx).
const AlertsPage = lazyPage(() => import('./alerts/Page').then((m) => m.AlertsPage))
const AuditPage = lazyPage(() => import('./audit/Page').then((m) => m.AuditPage))
const BillingRunsPage = lazyPage(() => import('./billing-runs/Page').then((m) => m.BillingRunsPage))
const CatalogPage = lazyPage(() => import('./catalog/Page').then((m) => m.CatalogPage))
const PlanPage = lazyPage(() => import('./catalog/plan-page').then((m) => m.PlanPage))
const CouponsPage = lazyPage(() => import('./coupons/Page').then((m) => m.CouponsPage))
const CustomersPage = lazyPage(() => import('./customers/Page').then((m) => m.CustomersPage))
const CustomerPage = lazyPage(() => import('./customers/customer-page').then((m) => m.CustomerPage))
// Disputes (issue 21, item 1).
const DisputesPage = lazyPage(() => import('./disputes/Page').then((m) => m.DisputesPage))
const DisputePage = lazyPage(() => import('./disputes/dispute-page').then((m) => m.DisputePage))
const DashboardPage = lazyPage(() => import('./dashboard/Page').then((m) => m.DashboardPage))
const InvoicesPage = lazyPage(() => import('./invoices/Page').then((m) => m.InvoicesPage))
const InvoicePage = lazyPage(() => import('./invoices/invoice-page').then((m) => m.InvoicePage))
const PaymentsPage = lazyPage(() => import('./payments/Page').then((m) => m.PaymentsPage))
const ReportsPage = lazyPage(() => import('./reports/Page').then((m) => m.ReportsPage))
const RetriesPage = lazyPage(() => import('./retries/Page').then((m) => m.RetriesPage))
const SettingsPage = lazyPage(() => import('./settings/Page').then((m) => m.SettingsPage))
const UsagePage = lazyPage(() => import('./usage/Page').then((m) => m.UsagePage))

/**
 * The first screen's code and its data load beside the session check (session-gate.tsx), not
 * after it and the shell's first render: on the dashboard, its summary is asked for at once
 * (the query the page then reads; fresh for the client's stale time). When the ledger asks to
 * sign in first, that early answer is a refusal: it is dropped, and the page asks again later.
 */
export const preloadFirstScreen = (queryClient: QueryClient): void => {
  // The session check itself starts now, not once React has rendered its first frame.
  void queryClient.prefetchQuery(channelQuery('session:whoami', {}))
  if (!['', '#', '#/'].includes(window.location.hash)) return
  DashboardPage.preload()
  const summary = channelQuery('dashboard:summary', {})
  void queryClient.prefetchQuery(summary).then(() => {
    if (queryClient.getQueryState(summary.queryKey)?.status === 'error')
      queryClient.removeQueries({ queryKey: summary.queryKey, exact: true })
  })
}

/**
 * Hash routing because Electron loads the page from file://, where a path-based URL would point
 * at a file that does not exist on reload.
 */
export const createRouter = () =>
  createHashRouter([
    {
      path: '/',
      element: <AppShell />,
      errorElement: <RouteErrorFallback />,
      children: [
        { index: true, element: <DashboardPage /> },
        { path: 'catalog', element: <CatalogPage /> },
        { path: 'catalog/:id', element: <PlanPage /> },
        { path: 'coupons', element: <CouponsPage /> },
        { path: 'customers', element: <CustomersPage /> },
        { path: 'customers/:externalId', element: <CustomerPage /> },
        { path: 'usage', element: <UsagePage /> },
        { path: 'alerts', element: <AlertsPage /> },
        { path: 'billing-runs', element: <BillingRunsPage /> },
        { path: 'invoices', element: <InvoicesPage /> },
        { path: 'invoices/:id', element: <InvoicePage /> },
        { path: 'payments', element: <PaymentsPage /> },
        { path: 'retries', element: <RetriesPage /> },
        { path: 'disputes', element: <DisputesPage /> },
        { path: 'disputes/:id', element: <DisputePage /> },
        { path: 'reports', element: <ReportsPage /> },
        { path: 'audit', element: <AuditPage /> },
        { path: 'settings', element: <SettingsPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ])
