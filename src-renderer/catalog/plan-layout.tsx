import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Tab from '@mui/material/Tab'
import Tabs from '@mui/material/Tabs'
import { useId, useState, type ReactNode } from 'react'
import { Link } from 'react-router'
import type { Plan, PlanVersion } from '../../src-shared/domain/catalog'
import { PageHeader } from '../shell/page-header'
import { VersionHistory } from './version-history'
import { VersionStatusChip } from './version-status'
import { formatDate } from '../format'

type Props = {
  plan: Plan
  /** The version the terms tab shows: the draft, or else the newest published one. */
  current: PlanVersion
  actions: ReactNode
  /** Status or errors shown above the tabs. */
  notice?: ReactNode
  terms: ReactNode
}

type TabId = 'terms' | 'history'

/** The frame of a plan's page: heading, actions, and the terms and version-history tabs. */
export const PlanLayout = ({ plan, current, actions, notice, terms }: Props) => {
  const [tab, setTab] = useState<TabId>('terms')
  const id = useId()
  const tabId = (which: TabId) => `${id}-${which}-tab`
  const panelId = (which: TabId) => `${id}-${which}-panel`

  return (
    <>
      <Box sx={{ mb: 1, ml: -0.5 }}>
        <Button component={Link} to="/catalog" size="small" startIcon={<ArrowBackOutlined />}>
          All plans
        </Button>
      </Box>
      <PageHeader
        title={plan.name}
        description={
          <Stack component="span" direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Box component="code" sx={{ fontFamily: 'monospace' }}>
              {plan.id}
            </Box>
            <span aria-hidden>·</span>
            <span>Version {current.version}</span>
            <VersionStatusChip status={current.status} />
            {current.effectiveFrom ? (
              <span>effective from {formatDate(current.effectiveFrom)}</span>
            ) : null}
          </Stack>
        }
        actions={actions}
      />
      {notice}
      <Tabs
        value={tab}
        onChange={(_event, next: TabId) => setTab(next)}
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
      >
        <Tab label="Terms" value="terms" id={tabId('terms')} aria-controls={panelId('terms')} />
        <Tab
          label={`Version history (${plan.versions.length})`}
          value="history"
          id={tabId('history')}
          aria-controls={panelId('history')}
        />
      </Tabs>
      {/* Only the open tab is mounted: both hold the same labelled inputs. */}
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)}>
        {tab === 'terms' ? terms : <VersionHistory plan={plan} />}
      </div>
    </>
  )
}
