import Box from '@mui/material/Box'
import Tab from '@mui/material/Tab'
import Tabs from '@mui/material/Tabs'
import { useId } from 'react'
import { useSearchParams } from 'react-router'
import { useCan } from '../session/queries'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { ExplorerTab } from './explorer-tab'
import { readExplorerView, writeExplorerView } from './explorer-view'
import { HistoryTab } from './history-tab'
import { ImportWizard } from './import-wizard'

const tabs = [
  { id: 'import', label: 'Import' },
  { id: 'history', label: 'History' },
  { id: 'explorer', label: 'Explorer' },
] as const
type TabId = (typeof tabs)[number]['id']

export const UsagePage = () => {
  // The tab, the open import and the explorer's filters live in the URL: Back and reload keep them.
  const [params, setParams] = useSearchParams()
  // A role that cannot import starts on the history, the import tab shown but not offered.
  const canImport = useCan()('usage:import-begin')
  const asked = tabs.find(({ id }) => id === params.get('tab'))?.id ?? 'import'
  const tab: TabId = asked === 'import' && !canImport ? 'history' : asked
  const openImport = params.get('import') ?? undefined
  const id = useId()
  const tabId = (which: TabId) => `${id}-${which}-tab`
  const panelId = (which: TabId) => `${id}-${which}-panel`

  const showTab = (next: TabId): void => {
    setParams(next === 'import' ? {} : { tab: next })
  }

  return (
    <>
      <PageHeader
        title={areas.usage.label}
        description="Metered usage: import event files, review past imports, and explore what was recorded."
      />
      <Tabs
        value={tab}
        onChange={(_event, next: TabId) => showTab(next)}
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
      >
        {tabs.map(({ id: which, label }) => (
          <Tab
            key={which}
            label={label}
            value={which}
            id={tabId(which)}
            aria-controls={panelId(which)}
            disabled={which === 'import' && !canImport}
          />
        ))}
      </Tabs>
      {/* The wizard stays mounted while hidden so a chosen file and mapping survive a look elsewhere. */}
      <Box
        role="tabpanel"
        id={panelId('import')}
        aria-labelledby={tabId('import')}
        hidden={tab !== 'import'}
      >
        {canImport ? <ImportWizard /> : null}
      </Box>
      {tab === 'history' ? (
        <Box role="tabpanel" id={panelId('history')} aria-labelledby={tabId('history')}>
          <HistoryTab
            openId={openImport}
            onOpen={(importId) =>
              setParams(importId ? { tab: 'history', import: importId } : { tab: 'history' })
            }
          />
        </Box>
      ) : null}
      {tab === 'explorer' ? (
        <Box
          role="tabpanel"
          id={panelId('explorer')}
          aria-labelledby={tabId('explorer')}
          sx={{ display: 'flex', flexDirection: 'column', flex: '1 1 auto' }}
        >
          <ExplorerTab
            view={readExplorerView(params)}
            onChange={(view, sync = false) =>
              setParams(writeExplorerView(params, view), { replace: true, flushSync: sync })
            }
          />
        </Box>
      ) : null}
    </>
  )
}
