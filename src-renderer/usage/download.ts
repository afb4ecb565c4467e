/** Hands a text to the browser (or Electron's save dialog) as a file download. */
export const downloadText = (text: string, fileName: string, type: string): void => {
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
