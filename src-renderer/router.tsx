import { createHashRouter } from 'react-router'
import { AuditPage } from './audit/Page'
import { BillingRunsPage } from './billing-runs/Page'
import { CatalogPage } from './catalog/Page'
import { PlanPage } from './catalog/plan-page'
import { CustomersPage } from './customers/Page'
import { CustomerPage } from './customers/customer-page'
import { DashboardPage } from './dashboard/Page'
import { RouteErrorFallback } from './error-boundary'
import { InvoicesPage } from './invoices/Page'
import { InvoicePage } from './invoices/invoice-page'
import { PaymentsPage } from './payments/Page'
import { ReportsPage } from './reports/Page'
import { RetriesPage } from './retries/Page'
import { SettingsPage } from './settings/Page'
import { AppShell } from './shell/app-shell'
import { NotFoundPage } from './shell/not-found'
import { UsagePage } from './usage/Page'

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
        { path: 'customers', element: <CustomersPage /> },
        { path: 'customers/:externalId', element: <CustomerPage /> },
        { path: 'usage', element: <UsagePage /> },
        { path: 'billing-runs', element: <BillingRunsPage /> },
        { path: 'invoices', element: <InvoicesPage /> },
        { path: 'invoices/:id', element: <InvoicePage /> },
        { path: 'payments', element: <PaymentsPage /> },
        { path: 'retries', element: <RetriesPage /> },
        { path: 'reports', element: <ReportsPage /> },
        { path: 'audit', element: <AuditPage /> },
        { path: 'settings', element: <SettingsPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ])
