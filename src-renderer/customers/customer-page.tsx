import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined'
import EditOutlined from '@mui/icons-material/EditOutlined'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Snackbar from '@mui/material/Snackbar'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import type { Customer } from '../../src-shared/domain/customers'
import { ErrorAlert } from '../error-alert'
import { PageHeader } from '../shell/page-header'
import { CustomerDetailsBody } from './customer-body'
import { CustomerDialog } from './customer-dialog'
import { SubscriptionStatusChip } from './status-chip'
import { useCustomer } from './queries'
import { useCan } from '../session/queries'

const BackToCustomers = () => (
  <Box sx={{ mb: 1, ml: -0.5 }}>
    <Button component={Link} to="/customers" startIcon={<ArrowBackOutlined />}>
      All customers
    </Button>
  </Box>
)

const Heading = ({ customer, onEdit }: { customer: Customer; onEdit: () => void }) => (
  <PageHeader
    title={customer.name}
    description={
      <Stack component="span" direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Box component="code" sx={{ fontFamily: 'monospace' }}>
          {customer.externalId}
        </Box>
        <span aria-hidden>·</span>
        <SubscriptionStatusChip status={customer.subscription?.status ?? null} />
      </Stack>
    }
    actions={
      useCan()('customers:save') ? (
        <Button variant="contained" startIcon={<EditOutlined />} onClick={onEdit}>
          Edit
        </Button>
      ) : null
    }
  />
)

/** `/customers/:externalId`: a customer's details, subscription and this period's usage. */
export const CustomerPage = () => {
  const { externalId = '' } = useParams()
  const customer = useCustomer(externalId)
  const [editing, setEditing] = useState(false)
  const [saved, setSaved] = useState(false)

  if (customer.isPending || customer.isError) {
    return (
      <>
        <BackToCustomers />
        <PageHeader title={externalId} />
        {customer.isPending ? <LinearProgress aria-label="Loading customer" /> : null}
        {customer.isError ? <ErrorAlert error={customer.error} /> : null}
      </>
    )
  }

  return (
    <>
      <BackToCustomers />
      <Heading customer={customer.data} onEdit={() => setEditing(true)} />
      <CustomerDetailsBody customer={customer.data} />
      {editing ? (
        <CustomerDialog
          customer={customer.data}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false)
            setSaved(true)
          }}
        />
      ) : null}
      <Snackbar
        open={saved}
        autoHideDuration={4000}
        onClose={(_event, reason) => {
          if (reason !== 'clickaway') setSaved(false)
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="success" variant="filled" onClose={() => setSaved(false)}>
          <Typography variant="body2">Customer saved</Typography>
        </Alert>
      </Snackbar>
    </>
  )
}
