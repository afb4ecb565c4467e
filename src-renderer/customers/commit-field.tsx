import TextField from '@mui/material/TextField'
import { useEffect, useEffectEvent, useState } from 'react'

type Props = {
  label: string
  /** The committed value (from the URL); the field follows it when it changes underneath. */
  value: string
  onCommit: (value: string) => void
  width?: number
  type?: 'search' | 'text'
}

const commitDelayMs = 300

/** Free text that reaches the URL (and the server) once typing pauses, or at once on Enter. */
export const CommitField = ({ label, value, onCommit, width, type = 'text' }: Props) => {
  const [text, setText] = useState(value)
  const [seen, setSeen] = useState(value)
  if (value !== seen) {
    setSeen(value)
    setText(value)
  }

  const commit = useEffectEvent((next: string) => onCommit(next))
  useEffect(() => {
    if (text === value) return
    const timer = setTimeout(() => commit(text), commitDelayMs)
    return () => clearTimeout(timer)
  }, [text, value])

  return (
    <TextField
      label={label}
      type={type}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onCommit(text)
      }}
      sx={{ width }}
    />
  )
}
