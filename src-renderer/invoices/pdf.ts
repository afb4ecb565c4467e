/** A base64 PDF from main as a Blob, for a download or an inline preview. */
export const pdfBlob = (base64: string): Blob => {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i)
  return new Blob([bytes], { type: 'application/pdf' })
}

/** Hands a PDF to the browser (or Electron's save dialog) as a file download. */
export const downloadPdf = (base64: string, fileName: string): void => {
  const url = URL.createObjectURL(pdfBlob(base64))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked on the next tick: the click starts the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
