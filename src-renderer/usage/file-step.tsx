import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined'
import Button from '@mui/material/Button'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useRef, useState } from 'react'
import type { UsageFormat } from '../../src-shared/domain/usage'
import { acceptedExtensions, formatBytes, formatOptions } from './file-format'

type Props = {
  file: File | undefined
  format: UsageFormat
  onFile: (file: File) => void
  onFormat: (format: UsageFormat) => void
}

/** Step 1: pick (or drop) the file; the format follows the extension unless changed. */
export const FileStep = ({ file, format, onFile, onFormat }: Props) => {
  const input = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  return (
    <Stack spacing={2}>
      <Paper
        variant="outlined"
        onDragOver={(event) => {
          event.preventDefault()
          setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault()
          setDragging(false)
          const dropped = event.dataTransfer.files[0]
          if (dropped) onFile(dropped)
        }}
        sx={{
          p: 4,
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          gap: 1,
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: dragging ? 'primary.main' : 'divider',
          bgcolor: dragging ? 'action.hover' : 'transparent',
        }}
      >
        <UploadFileOutlined sx={{ fontSize: 40, color: 'text.secondary' }} aria-hidden />
        <Typography variant="body1">
          {file ? (
            <>
              <strong>{file.name}</strong> · {formatBytes(file.size)}
            </>
          ) : (
            'Drop a usage file here, or choose one.'
          )}
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {acceptedExtensions.join(', ')} · one event per row, with a header row for delimited text
        </Typography>
        <Button variant="outlined" onClick={() => input.current?.click()} sx={{ mt: 1 }}>
          {file ? 'Choose another file…' : 'Choose file…'}
        </Button>
        <input
          ref={input}
          type="file"
          accept={acceptedExtensions.join(',')}
          hidden
          aria-label="Usage file to import"
          onChange={(event) => {
            const chosen = event.target.files?.[0]
            event.target.value = ''
            if (chosen) onFile(chosen)
          }}
        />
      </Paper>
      {file ? (
        <TextField
          select
          label="Format"
          value={format}
          onChange={(event) => {
            const next = formatOptions.find((option) => option.value === event.target.value)
            if (next) onFormat(next.value)
          }}
          sx={{ maxWidth: 320 }}
        >
          {formatOptions.map((option) => (
            <MenuItem key={option.value} value={option.value}>
              {option.label}
            </MenuItem>
          ))}
        </TextField>
      ) : null}
    </Stack>
  )
}
