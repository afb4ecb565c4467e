import { useState } from 'react'
import { useNavigate } from 'react-router'
import { ErrorAlert } from '../error-alert'
import { InvoiceGrid } from '../invoices/invoice-grid'
import { invoicePath } from '../invoices/invoice-path'
import { useInvoiceList } from '../invoices/queries'

const pageSizes = [10, 25, 50] as const

/** The customer's invoices, newest first, each opening its own page. */
export const CustomerInvoices = ({ externalId }: { externalId: string }) => {
  const navigate = useNavigate()
  const [pagination, setPagination] = useState<{ page: number; pageSize: number }>({
    page: 0,
    pageSize: pageSizes[0],
  })
  const list = useInvoiceList({
    customer: externalId,
    limit: pagination.pageSize,
    offset: pagination.page * pagination.pageSize,
  })
  if (list.isError) return <ErrorAlert error={list.error} />
  return (
    <InvoiceGrid
      label="Customer invoices"
      rows={list.data?.invoices ?? []}
      total={list.data?.total}
      loading={list.isFetching}
      paginationModel={pagination}
      onPaginationModelChange={({ page, pageSize }) =>
        setPagination({ pageSize, page: pageSize === pagination.pageSize ? page : 0 })
      }
      pageSizeOptions={pageSizes}
      onOpen={(invoice) => void navigate(invoicePath(invoice.id))}
      emptyLabel="No invoices for this customer yet."
      hide={['customerName']}
    />
  )
}
