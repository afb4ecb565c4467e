import DownloadOutlined from '@mui/icons-material/DownloadOutlined'
import ExpandMoreOutlined from '@mui/icons-material/ExpandMoreOutlined'
import Button from '@mui/material/Button'
import Menu from '@mui/material/Menu'
import MenuItem from '@mui/material/MenuItem'
import { useState } from 'react'
import type { DocumentFormat } from '../../src-shared/domain/catalog'
import { useExportCatalog } from './queries'

const formats: readonly { format: DocumentFormat; label: string; type: string }[] = [
  { format: 'yaml', label: 'YAML', type: 'application/yaml' },
  { format: 'json', label: 'JSON', type: 'application/json' },
]

/** Hands a text to the browser (or Electron's save dialog) as a file download. */
const download = (text: string, fileName: string, type: string): void => {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked on the next tick: the click starts the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** Exports the whole catalog as one file, in the format the import reads back. */
export const ExportMenu = ({ onError }: { onError: (error: unknown) => void }) => {
  const exportCatalog = useExportCatalog()
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<DownloadOutlined />}
        endIcon={<ExpandMoreOutlined />}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        disabled={exportCatalog.isPending}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        Export
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {formats.map(({ format, label, type }) => (
          <MenuItem
            key={format}
            onClick={() => {
              setAnchor(null)
              exportCatalog.mutate(
                { format },
                { onSuccess: ({ text, fileName }) => download(text, fileName, type), onError },
              )
            }}
          >
            {label}
          </MenuItem>
        ))}
      </Menu>
    </>
  )
}
