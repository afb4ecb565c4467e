import AddOutlined from '@mui/icons-material/AddOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { ErrorAlert } from '../error-alert'
import { useSettings } from '../settings/queries'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { ExportMenu } from './export-menu'
import { ImportButton } from './import-button'
import { useCan } from '../session/queries'
import { NewPlanDialog } from './new-plan-dialog'
import { PlanGrid } from './plan-grid'
import { usePlans } from './queries'

export const CatalogPage = () => {
  const plans = usePlans()
  const settings = useSettings()
  const navigate = useNavigate()
  const [creating, setCreating] = useState(false)
  const can = useCan()
  const [exportError, setExportError] = useState<unknown>()

  return (
    <>
      <PageHeader
        title={areas.catalog.label}
        description="Plans, their versions, features and pricing. Published versions never change."
        actions={
          <>
            {can('catalog:import') ? <ImportButton /> : null}
            <ExportMenu onError={setExportError} />
            {can('catalog:create-plan') ? (
              <Button
                variant="contained"
                startIcon={<AddOutlined />}
                onClick={() => setCreating(true)}
              >
                New plan
              </Button>
            ) : null}
          </>
        }
      />
      {exportError ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert
            error={exportError}
            action={
              <Button color="inherit" onClick={() => setExportError(undefined)}>
                Dismiss
              </Button>
            }
          />
        </Box>
      ) : null}
      {plans.isError ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert
            error={plans.error}
            action={
              <Button color="inherit" onClick={() => void plans.refetch()}>
                Retry
              </Button>
            }
          />
        </Box>
      ) : null}
      <PlanGrid
        plans={plans.data ?? []}
        loading={plans.isFetching}
        onOpen={(plan) => void navigate(`/catalog/${encodeURIComponent(plan.id)}`)}
      />
      {creating ? (
        <NewPlanDialog
          defaultCurrency={settings.data?.defaultCurrency ?? 'USD'}
          onClose={() => setCreating(false)}
          onCreated={(plan) => void navigate(`/catalog/${encodeURIComponent(plan.id)}`)}
        />
      ) : null}
    </>
  )
}
