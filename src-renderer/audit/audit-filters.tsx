import FilterAltOffOutlined from '@mui/icons-material/FilterAltOffOutlined'
import Button from '@mui/material/Button'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useEffect, useEffectEvent, useState } from 'react'
import type { AuditFacets } from '../../src-shared/domain/audit'
import type { AuditFilters } from './filters'

type Props = {
  filters: AuditFilters
  facets: AuditFacets | undefined
  onChange: (patch: Partial<AuditFilters>) => void
  onClear: () => void
}

type PickerProps = {
  label: string
  value: string
  options: readonly string[] | undefined
  onChange: (value: string) => void
}

const Picker = ({ label, value, options = [], onChange }: PickerProps) => {
  // A value from the URL may not be a facet (yet, or any more); keep it selectable.
  const all = value === '' || options.includes(value) ? options : [value, ...options]
  return (
    <TextField
      select
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      sx={{ width: 190 }}
    >
      <MenuItem value="">
        <em>Any</em>
      </MenuItem>
      {all.map((option) => (
        <MenuItem key={option} value={option}>
          {option}
        </MenuItem>
      ))}
    </TextField>
  )
}

const commitDelayMs = 300

/** Free text that reaches the URL (and the server) once typing pauses, or at once on Enter. */
const EntityIdField = ({ value, onCommit }: { value: string; onCommit: (v: string) => void }) => {
  const [text, setText] = useState(value)
  // Follow the URL when it changes underneath (back button, another filter's reset).
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
      label="Entity id"
      value={text}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onCommit(text)
      }}
      sx={{ width: 170 }}
    />
  )
}

const DayField = (props: { label: string; value: string; onChange: (day: string) => void }) => (
  <TextField
    type="date"
    label={props.label}
    value={props.value}
    onChange={(event) => props.onChange(event.target.value)}
    slotProps={{ inputLabel: { shrink: true } }}
    sx={{ width: 160 }}
  />
)

export const AuditFiltersBar = ({ filters, facets, onChange, onClear }: Props) => {
  // Remounting the free-text field on clear drops any edit still waiting to be committed.
  const [generation, setGeneration] = useState(0)
  return (
    <Stack
      role="search"
      aria-label="Audit filters"
      direction="row"
      useFlexGap
      sx={{ flexWrap: 'wrap', gap: 1.5, alignItems: 'center', mb: 2 }}
    >
      <Picker
        label="Action"
        value={filters.action}
        options={facets?.actions}
        onChange={(action) => onChange({ action })}
      />
      <Picker
        label="Entity type"
        value={filters.entityType}
        options={facets?.entityTypes}
        onChange={(entityType) => onChange({ entityType })}
      />
      <EntityIdField
        key={generation}
        value={filters.entityId}
        onCommit={(entityId) => onChange({ entityId })}
      />
      <Picker
        label="Operator"
        value={filters.operator}
        options={facets?.operators}
        onChange={(operator) => onChange({ operator })}
      />
      <DayField label="From" value={filters.from} onChange={(from) => onChange({ from })} />
      <DayField label="To" value={filters.to} onChange={(to) => onChange({ to })} />
      <Button
        variant="text"
        startIcon={<FilterAltOffOutlined />}
        onClick={() => {
          setGeneration((value) => value + 1)
          onClear()
        }}
      >
        Clear filters
      </Button>
    </Stack>
  )
}
