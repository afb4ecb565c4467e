import Link from '@mui/material/Link'

export const mainContentId = 'main-content'

/**
 * The first stop of the Tab key: jumps past the app bar and the navigation to the page. Hidden
 * until focused. Hash routing owns the URL fragment, so it moves focus instead of navigating.
 */
export const SkipLink = () => (
  <Link
    href={`#${mainContentId}`}
    onClick={(event) => {
      event.preventDefault()
      document.getElementById(mainContentId)?.focus()
    }}
    sx={(theme) => ({
      position: 'fixed',
      left: 8,
      top: -48,
      zIndex: theme.zIndex.tooltip + 1,
      px: 2,
      py: 1,
      bgcolor: 'background.paper',
      border: 1,
      borderColor: 'primary.main',
      borderRadius: 1,
      '&:focus': { top: 8 },
    })}
  >
    Skip to main content
  </Link>
)
