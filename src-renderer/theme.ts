import { createTheme } from '@mui/material/styles'

/**
 * A quiet, dense look for a ledger tool: neutral surfaces, one restrained accent, small controls.
 * CSS variables with a class selector let the OS preference drive the scheme by default while
 * still allowing the app bar switch to pin light or dark.
 */
export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'class' },
  colorSchemes: {
    light: {
      palette: {
        primary: { main: '#1f5fa8' },
        secondary: { main: '#5b6b7f' },
        // MUI's default info (#0288d1) and warning (#ed6c02) give white chip text 3.9:1 and
        // 3.1:1; these darker shades pass WCAG AA's 4.5:1 as filled chips and as outlined text.
        info: { main: '#01579b' },
        warning: { main: '#b45309' },
        background: { default: '#f5f6f8', paper: '#ffffff' },
        divider: 'rgba(15, 23, 42, 0.12)',
      },
    },
    dark: {
      palette: {
        primary: { main: '#7fb0ec' },
        secondary: { main: '#9aa8b8' },
        background: { default: '#101317', paper: '#171b21' },
        divider: 'rgba(226, 232, 240, 0.12)',
      },
    },
  },
  shape: { borderRadius: 6 },
  spacing: 8,
  typography: {
    fontFamily: 'Roboto, system-ui, -apple-system, "Segoe UI", sans-serif',
    fontSize: 13,
    h5: { fontWeight: 600, letterSpacing: '-0.01em' },
    h6: { fontWeight: 600, fontSize: '1rem' },
    subtitle2: { fontWeight: 600 },
    button: { textTransform: 'none', fontWeight: 500 },
    overline: { fontWeight: 600, letterSpacing: '0.08em' },
  },
  components: {
    MuiCssBaseline: {
      styleOverrides: (theme) => ({
        // Amounts and counts line up in columns only with fixed-width digits.
        body: { fontVariantNumeric: 'tabular-nums' },
        // One visible keyboard cursor on every control: MUI's ripple tint alone is too faint to
        // find, and some controls (links, chips, grid headers) have none.
        '*:focus-visible': {
          outline: `2px solid ${theme.vars.palette.primary.main}`,
          outlineOffset: 2,
        },
      }),
    },
    MuiButtonBase: {
      styleOverrides: {
        // ButtonBase resets `outline`: its focused state (buttons, chips, tabs, menu items,
        // checkboxes) gets the same ring back, with a selector that outranks the reset.
        root: ({ theme }) => ({
          '&.Mui-focusVisible': {
            outline: `2px solid ${theme.vars.palette.primary.main}`,
            outlineOffset: 2,
          },
        }),
      },
    },
    MuiFormHelperText: {
      styleOverrides: {
        // A disabled field's help often says why it is disabled: it stays readable (4.5:1).
        root: ({ theme }) => ({
          '&.Mui-disabled': { color: theme.vars.palette.text.secondary },
        }),
      },
    },
    MuiButton: { defaultProps: { disableElevation: true, size: 'small' } },
    MuiIconButton: { defaultProps: { size: 'small' } },
    MuiTextField: { defaultProps: { size: 'small' } },
    MuiFormControl: { defaultProps: { size: 'small' } },
    MuiAutocomplete: { defaultProps: { size: 'small' } },
    MuiChip: { defaultProps: { size: 'small' } },
    MuiTable: { defaultProps: { size: 'small' } },
    MuiList: { defaultProps: { dense: true } },
    MuiTooltip: { defaultProps: { arrow: true } },
    MuiCard: { defaultProps: { variant: 'outlined' } },
    MuiAppBar: { defaultProps: { elevation: 0, color: 'inherit' } },
    MuiListItemButton: {
      styleOverrides: {
        root: ({ theme }) => ({
          borderRadius: theme.shape.borderRadius,
          // The default focus tint is too faint to find the keyboard cursor in the navigation.
          '&.Mui-focusVisible': {
            outline: `2px solid ${theme.vars.palette.primary.main}`,
            outlineOffset: -2,
          },
        }),
      },
    },
  },
})
