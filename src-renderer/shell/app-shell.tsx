import AppBar from '@mui/material/AppBar'
import Box from '@mui/material/Box'
import Drawer from '@mui/material/Drawer'
import List from '@mui/material/List'
import ListItemButton from '@mui/material/ListItemButton'
import ListItemIcon from '@mui/material/ListItemIcon'
import ListItemText from '@mui/material/ListItemText'
import Toolbar from '@mui/material/Toolbar'
import Typography from '@mui/material/Typography'
import { useEffect } from 'react'
import { NavLink, Outlet, useLocation } from 'react-router'
import { ErrorBoundary } from '../error-boundary'
import { RetryQueueBadge, retryBadgeId } from '../retries/nav-badge'
import { SessionMenu } from '../session/session-menu'
import { areaForPath, areas, navOrder } from './areas'
import { ColorSchemeMenu } from './color-scheme-menu'

const drawerWidth = 232

const Navigation = ({ current }: { current: string | undefined }) => (
  <Box component="nav" aria-label="Main" sx={{ overflowY: 'auto', p: 1 }}>
    <List disablePadding sx={{ display: 'grid', gap: 0.25 }}>
      {navOrder.map((id) => {
        const { label, path, icon: Icon } = areas[id]
        return (
          <ListItemButton
            key={id}
            component={NavLink}
            to={path}
            end={path === '/'}
            selected={current === id}
            // The retry queue's badge describes the link instead of changing its name.
            {...(id === 'retries' ? { 'aria-label': label, 'aria-describedby': retryBadgeId } : {})}
          >
            <ListItemIcon sx={{ minWidth: 36 }}>
              <Icon fontSize="small" />
            </ListItemIcon>
            <ListItemText primary={label} />
            {id === 'retries' ? <RetryQueueBadge /> : null}
          </ListItemButton>
        )
      })}
    </List>
  </Box>
)

/** The frame around every page: app bar, permanent navigation, and the routed content. */
export const AppShell = () => {
  const { pathname } = useLocation()
  const current = areaForPath(pathname)
  const title = current ? areas[current].label : 'Page not found'

  useEffect(() => {
    document.title = `${title} · Meterbook`
  }, [title])

  return (
    <Box sx={{ display: 'flex', height: '100vh' }}>
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
          width: drawerWidth,
          flexShrink: 0,
          '& .MuiDrawer-paper': { width: drawerWidth, boxSizing: 'border-box' },
        }}
      >
        <Toolbar variant="dense" />
        <Navigation current={current} />
      </Drawer>
      <Box
        component="main"
        sx={{
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
    </Box>
  )
}
