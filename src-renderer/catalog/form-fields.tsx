import MenuItem from '@mui/material/MenuItem'
import TextField from '@mui/material/TextField'
import { useState } from 'react'

type Common = {
  label: string
  error?: string | undefined
  helperText?: string
  readOnly?: boolean
  /** Accessible name when the visible label is not enough (inside a table row). */
  ariaLabel?: string
  width?: number | string
}

const readOnlyProps = (readOnly: boolean | undefined) =>
  readOnly ? { input: { readOnly: true } } : undefined

/** A text input whose error comes from the server and which can be shown read-only. */
export const TextInput = ({
  value,
  onChange,
  label,
  error,
  helperText,
  readOnly,
  ariaLabel,
  width,
  placeholder,
  decimal,
  autoFocus,
}: Common & {
  value: string
  onChange: (value: string) => void
  placeholder?: string
  /** A decimal string: brings up the numeric keypad where there is one. */
  decimal?: boolean
  autoFocus?: boolean
}) => (
  <TextField
    label={label}
    value={value}
    onChange={(event) => onChange(event.target.value)}
    error={Boolean(error)}
    helperText={error ?? helperText}
    placeholder={placeholder}
    autoFocus={autoFocus}
    slotProps={{
      ...readOnlyProps(readOnly),
      htmlInput: { inputMode: decimal ? 'decimal' : undefined, 'aria-label': ariaLabel },
    }}
    sx={{ width }}
  />
)

export const SelectInput = <T extends string>({
  value,
  onChange,
  options,
  label,
  error,
  helperText,
  readOnly,
  width,
}: Common & {
  value: T
  onChange: (value: T) => void
  options: readonly { value: T; label: string }[]
}) => (
  <TextField
    select
    label={label}
    value={value}
    onChange={(event) => {
      const next = options.find((option) => option.value === event.target.value)
      if (next) onChange(next.value)
    }}
    error={Boolean(error)}
    helperText={error ?? helperText}
    slotProps={readOnlyProps(readOnly)}
    sx={{ width }}
  >
    {options.map((option) => (
      <MenuItem key={option.value} value={option.value}>
        {option.label}
      </MenuItem>
    ))}
  </TextField>
)

const parseInteger = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text))

/**
 * A whole-number input over a numeric value. What cannot be read as a number becomes NaN rather
 * than being dropped or coerced to 0: it is sent as such and the server's message explains it,
 * while the field keeps showing what was typed.
 */
export const IntegerField = ({
  value,
  onChange,
  label,
  error,
  helperText,
  readOnly,
  ariaLabel,
  width,
}: Common & { value: number; onChange: (value: number) => void }) => {
  const [text, setText] = useState(Number.isNaN(value) ? '' : String(value))
  // Follow the value when it changes from outside (discard, a reloaded draft).
  const [seen, setSeen] = useState(value)
  if (!Object.is(value, seen)) {
    setSeen(value)
    if (!Object.is(parseInteger(text), value)) setText(Number.isNaN(value) ? text : String(value))
  }
  return (
    <TextField
      label={label}
      value={text}
      onChange={(event) => {
        setText(event.target.value)
        onChange(parseInteger(event.target.value))
      }}
      error={Boolean(error)}
      helperText={error ?? helperText}
      slotProps={{
        ...readOnlyProps(readOnly),
        htmlInput: { inputMode: 'numeric', 'aria-label': ariaLabel },
      }}
      sx={{ width }}
    />
  )
}

const formatList = (values: readonly number[] | undefined): string => (values ?? []).join(', ')

const parseList = (text: string): number[] | undefined =>
  text.trim() === ''
    ? undefined
    : text.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part.trim())))

/** Alert levels as "75, 90, 100": simple to type, and the server judges the numbers. */
export const NumberListField = ({
  value,
  onChange,
  label,
  error,
  helperText,
  readOnly,
  width,
  placeholder,
}: Common & {
  value: readonly number[] | undefined
  onChange: (value: number[] | undefined) => void
  placeholder?: string
}) => {
  const [text, setText] = useState(formatList(value))
  const [seen, setSeen] = useState(value)
  if (value !== seen) {
    setSeen(value)
    if (JSON.stringify(parseList(text)) !== JSON.stringify(value)) setText(formatList(value))
  }
  return (
    <TextField
      label={label}
      value={text}
      onChange={(event) => {
        setText(event.target.value)
        onChange(parseList(event.target.value))
      }}
      error={Boolean(error)}
      helperText={error ?? helperText}
      placeholder={placeholder}
      slotProps={{ ...readOnlyProps(readOnly), inputLabel: { shrink: true } }}
      sx={{ width }}
    />
  )
}
