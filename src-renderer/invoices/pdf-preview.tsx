import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { call } from '../api'
import { ErrorAlert } from '../error-alert'
import { pdfBlob } from './pdf'

type Props = {
  invoiceId: number
  /** Changes whenever the invoice does, so a regenerated draft's preview is not stale. */
  version: string
  title: string
}

/** The invoice's PDF, rendered by the browser's own viewer from a Blob URL. */
export const PdfPreview = ({ invoiceId, version, title }: Props) => {
  const pdf = useQuery({
    queryKey: ['invoices:pdf', { id: invoiceId }, version],
    queryFn: () => call('invoices:pdf', { id: invoiceId }),
    // A PDF is large; do not keep old ones around once the preview closes.
    gcTime: 0,
  })
  const frame = useRef<HTMLIFrameElement>(null)
  const base64 = pdf.data?.base64
  // The Blob URL lives exactly as long as the frame shows it: set on the element, revoked after.
  useEffect(() => {
    const element = frame.current
    if (base64 === undefined || !element) return
    const url = URL.createObjectURL(pdfBlob(base64))
    element.src = url
    return () => URL.revokeObjectURL(url)
  }, [base64])

  if (pdf.isPending) return <LinearProgress aria-label="Loading PDF" />
  if (pdf.isError) {
    return (
      <ErrorAlert
        error={pdf.error}
        action={
          <Button color="inherit" onClick={() => void pdf.refetch()}>
            Retry
          </Button>
        }
      />
    )
  }
  return (
    <Box
      component="iframe"
      ref={frame}
      title={title}
      sx={{ width: '100%', height: 720, border: 1, borderColor: 'divider', borderRadius: 1 }}
    />
  )
}
