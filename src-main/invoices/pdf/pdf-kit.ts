import { createRequire } from 'node:module'
import type PDFDocumentClass from 'pdfkit'
import { formatMinor, toMajor } from '../../../src-shared/money'

/**
 * pdfkit and its font tables take a quarter of a second to load: loaded with the first PDF, not
 * at every start of the CLI and the app.
 */
let pdfkit: typeof PDFDocumentClass | undefined
const PDFDocument = (): typeof PDFDocumentClass =>
  (pdfkit ??= createRequire(import.meta.url)('pdfkit') as typeof PDFDocumentClass)

/** A4 in points, with 50 pt margins: what European and most other invoices are printed on. */
export const PAGE = { width: 595.28, height: 841.89, margin: 50 } as const
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin
/** Rows stop here; below is the footer's. */
export const CONTENT_BOTTOM = PAGE.height - PAGE.margin - 24

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold' } as const
export const GREY = '#555555'
export const RULE = '#cccccc'

export type PdfOptions = {
  /** Tests turn compression off to read the text; documents people get are compressed. */
  compress?: boolean
}

/**
 * A4 document whose pages stay in memory until the end (for "page i of n"). Its creation date
 * is the document's own date, not the clock: pdfkit derives the file id from the info, so the
 * same invoice renders to the same bytes.
 */
export const createDocument = (
  title: string,
  createdAt: Date,
  options: PdfOptions,
): PDFKit.PDFDocument =>
  new (PDFDocument())({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    compress: options.compress ?? true,
    info: {
      Title: title,
      Creator: 'Meterbook',
      Producer: 'Meterbook',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  })

export const toBuffer = (doc: PDFKit.PDFDocument): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.end()
  })

// The standard PDF fonts speak Windows-1252 only: these are the characters they can draw.
const cp1252Extras = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'
const drawable = (char: string): boolean => {
  const code = char.codePointAt(0) ?? 0
  return (
    code === 10 ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    cp1252Extras.includes(char)
  )
}

/** Text the built-in fonts can draw; anything else shows as "?" rather than as wrong glyphs. */
export const printable = (text: string): string =>
  Array.from(text.replace(/\r\n?/g, '\n'), (c) => (drawable(c) ? c : '?')).join('')

/** An amount as people read it ($1,234.50); with the code instead where the symbol cannot print. */
export const money = (minor: number, currency: string): string => {
  const text = formatMinor(minor, currency, 'en-US')
  return Array.from(text).every(drawable) ? text : `${toMajor(minor, currency)} ${currency}`
}

/** Stamps every page: a watermark (DRAFT, VOID), and the footer with the page count. */
export const finishPages = (
  doc: PDFKit.PDFDocument,
  footer: string,
  watermark: string | null,
): void => {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    // Writing below the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0
    const y = PAGE.height - PAGE.margin
    doc
      .moveTo(PAGE.margin, y - 6)
      .lineTo(PAGE.width - PAGE.margin, y - 6)
      .lineWidth(0.5)
    doc.strokeColor(RULE).stroke()
    doc.font(FONT.regular).fontSize(8).fillColor(GREY)
    doc.text(printable(footer), PAGE.margin, y, { width: CONTENT_WIDTH / 2, lineBreak: false })
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, PAGE.width / 2, y, {
      width: CONTENT_WIDTH / 2,
      align: 'right',
      lineBreak: false,
    })
    if (watermark) {
      doc.save()
      doc.rotate(-40, { origin: [PAGE.width / 2, PAGE.height / 2] })
      doc.font(FONT.bold).fontSize(120).fillColor('#c0392b').fillOpacity(0.12)
      doc.text(watermark, 0, PAGE.height / 2 - 60, {
        width: PAGE.width,
        align: 'center',
        lineBreak: false,
      })
      doc.restore()
    }
  }
}
