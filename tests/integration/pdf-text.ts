/**
 * The text pdfkit wrote, one string per text run: uncompressed, each run is a TJ array of hex
 * strings (the built-in fonts' one-byte codes, Latin-1 for what these tests print) and kerning.
 */
export const textRuns = (pdf: Buffer): string[] =>
  [...pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<([0-9a-f]*)>/g)]
      .map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1'))
      .join(''),
  )
