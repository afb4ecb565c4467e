import AppBar from '@mui/material/AppBar'
import Box from '@mui/material/Box'
import Drawer from '@mui/material/Drawer'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemButton from '@mui/material/ListItemButton'
import ListItemIcon from '@mui/material/ListItemIcon'
import ListItemText from '@mui/material/ListItemText'
import Toolbar from '@mui/material/Toolbar'
import Tooltip from '@mui/material/Tooltip'
import Typography from '@mui/material/Typography'
import useMediaQuery from '@mui/material/useMediaQuery'
import { useEffect } from 'react'
import { NavLink, Outlet, useLocation } from 'react-router'
import { ErrorBoundary } from '../error-boundary'
import { AlertNotices } from '../alerts/alert-notices'
import { useLiveUpdates } from '../live-updates'
import { RetryQueueBadge, retryBadgeId } from '../retries/nav-badge'
import { SessionMenu } from '../session/session-menu'
import { areaForPath, areas, navOrder } from './areas'
import { ColorSchemeMenu } from './color-scheme-menu'
import { mainContentId, SkipLink } from './skip-link'

const drawerWidth = 232
/** Below this width the navigation shows icons only, leaving the room to the grids. */
const collapsedWidth = 56

type NavigationProps = { current: string | undefined; collapsed: boolean }

const Navigation = ({ current, collapsed }: NavigationProps) => (
  <Box component="nav" aria-label="Main" sx={{ overflowY: 'auto', overflowX: 'hidden', p: 1 }}>
    <List disablePadding sx={{ display: 'grid', gap: 0.25 }}>
      {navOrder.map((id) => {
        const { label, path, icon: Icon } = areas[id]
        return (
          // Each link in its own item: a list holds only items (axe's list rule).
          <ListItem key={id} disablePadding sx={{ display: 'block' }}>
            <Tooltip title={collapsed ? label : ''} placement="right">
              <ListItemButton
                component={NavLink}
                to={path}
                end={path === '/'}
                selected={current === id}
                // The retry queue's badge describes the link instead of changing its name; a
                // collapsed link keeps its name though its text is hidden.
                {...(id === 'retries' || collapsed ? { 'aria-label': label } : {})}
                {...(id === 'retries' ? { 'aria-describedby': retryBadgeId } : {})}
                sx={collapsed ? { px: 1.25, justifyContent: 'center' } : undefined}
              >
                <ListItemIcon sx={{ minWidth: collapsed ? 0 : 36 }}>
                  <Icon fontSize="small" />
                </ListItemIcon>
                {collapsed ? null : <ListItemText primary={label} />}
                {id === 'retries' ? <RetryQueueBadge compact={collapsed} /> : null}
              </ListItemButton>
            </Tooltip>
          </ListItem>
        )
      })}
    </List>
  </Box>
)

/** The frame around every page: app bar, permanent navigation, and the routed content. */
export const AppShell = () => {
  const { pathname } = useLocation()
  useLiveUpdates()
  const current = areaForPath(pathname)
  const title = current ? areas[current].label : 'Page not found'
  const collapsed = useMediaQuery('(max-width: 1279.98px)')
  const navWidth = collapsed ? collapsedWidth : drawerWidth

  useEffect(() => {
    document.title = `${title} · Meterbook`
  }, [title])

  return (
    <Box sx={{ display: 'flex', height: '100vh' }}>
      <SkipLink />
      <AppBar
        position="fixed"
        sx={{
          zIndex: (theme) => theme.zIndex.drawer + 1,
          borderBottom: 1,
          borderColor: 'divider',
          bgcolor: 'background.paper',
        }}
      >
        <Toolbar variant="dense" sx={{ gap: 1.5 }}>
          <Typography variant="h6" component="div" sx={{ fontWeight: 700 }}>
            Meterbook
          </Typography>
          <Typography component="div" sx={{ color: 'text.disabled' }} aria-hidden>
            /
          </Typography>
          <Typography component="div" sx={{ color: 'text.secondary', flexGrow: 1 }}>
            {title}
          </Typography>
          <SessionMenu />
          <ColorSchemeMenu />
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{
          width: navWidth,
          flexShrink: 0,
          '& .MuiDrawer-paper': { width: navWidth, boxSizing: 'border-box' },
        }}
      >
        <Toolbar variant="dense" />
        <Navigation current={current} collapsed={collapsed} />
      </Drawer>
      <Box
        component="main"
        id={mainContentId}
        // Focusable from the skip link only, not by tabbing.
        tabIndex={-1}
        sx={{
          outline: 'none',
          flexGrow: 1,
          minWidth: 0,
          display: 'flex',
          flexDirection: 'column',
          overflow: 'auto',
        }}
      >
        <Toolbar variant="dense" />
        <Box sx={{ flexGrow: 1, display: 'flex', flexDirection: 'column', p: 3, minHeight: 0 }}>
          {/* Keyed by path so leaving a crashed page clears the crash. */}
          <ErrorBoundary key={pathname}>
            <Outlet />
          </ErrorBoundary>
        </Box>
      </Box>
      <AlertNotices />
    </Box>
  )
}
