import Autocomplete from '@mui/material/Autocomplete'
import TextField from '@mui/material/TextField'
import type { ReactNode } from 'react'

type Props = {
  name: string
  label: string
  value: string
  options: readonly string[]
  onChange: (value: string) => void
  error?: string | undefined
  /** Secondary text next to an option, e.g. a currency's name. */
  describe?: (option: string) => string
  helperText?: ReactNode
}

/**
 * A text field with suggestions. Free text on purpose: what is typed is what gets sent, and the
 * server's validation message shows under the field, so the picker never silently drops input.
 */
export const SuggestField = ({
  name,
  label,
  value,
  options,
  onChange,
  error,
  describe,
  helperText,
}: Props) => (
  <Autocomplete
    freeSolo
    disableClearable
    options={options}
    value={value}
    inputValue={value}
    onChange={(_event, next) => onChange(next)}
    onInputChange={(_event, next) => onChange(next)}
    renderOption={({ key, ...props }, option) => (
      <li key={key} {...props}>
        {option}
        {describe ? (
          <span style={{ marginInlineStart: 8, opacity: 0.6 }}>{describe(option)}</span>
        ) : null}
      </li>
    )}
    renderInput={(params) => (
      <TextField
        {...params}
        name={name}
        label={label}
        error={Boolean(error)}
        helperText={error ?? helperText}
      />
    )}
  />
)
