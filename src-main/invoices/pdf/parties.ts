import type { BuyerDetails, SellerDetails } from '../../../src-shared/domain/documents'
import { CONTENT_WIDTH, FONT, GREY, PAGE, printable } from './pdf-kit'

/**
 * The top of the first page: the seller on the left, the document's title and key facts on the
 * right, then who it is billed to. Both parties come from the document's snapshot once issued.
 */
export const drawHeading = (
  doc: PDFKit.PDFDocument,
  args: { seller: SellerDetails; buyer: BuyerDetails; title: string; facts: [string, string][] },
): void => {
  const { seller, buyer } = args
  const left = PAGE.margin
  const half = CONTENT_WIDTH / 2
  const top = PAGE.margin

  doc.font(FONT.bold).fontSize(14).fillColor('#111111')
  // An empty name prints as a blank rather than a placeholder the customer would take as real.
  doc.text(printable(seller.name), left, top, { width: half })
  doc.font(FONT.regular).fontSize(9).fillColor(GREY)
  const details = [
    seller.address,
    seller.email,
    seller.taxId ? `Tax ID: ${seller.taxId}` : '',
  ].filter((s) => s !== '')
  if (details.length > 0) doc.text(printable(details.join('\n')), { width: half })
  const sellerBottom = doc.y

  doc.font(FONT.bold).fontSize(20).fillColor('#111111')
  doc.text(args.title, left + half, top, { width: half, align: 'right' })
  doc.moveDown(0.3)
  doc.fontSize(9)
  for (const [label, value] of args.facts) {
    const y = doc.y
    doc.font(FONT.regular).fillColor(GREY)
    doc.text(label, left + half, y, { width: half * 0.45, align: 'right' })
    doc.font(FONT.bold).fillColor('#111111')
    doc.text(printable(value), left + half * 1.5, y, { width: half * 0.5, align: 'right' })
  }
  const factsBottom = doc.y

  doc.y = Math.max(sellerBottom, factsBottom) + 24
  doc.font(FONT.bold).fontSize(8.5).fillColor(GREY).text('BILL TO', left, doc.y)
  doc.font(FONT.bold).fontSize(11).fillColor('#111111').text(printable(buyer.name), { width: half })
  doc.font(FONT.regular).fontSize(9).fillColor(GREY)
  const lines = [
    `Customer ID: ${buyer.externalId}`,
    buyer.billingAddress,
    buyer.taxRegion ? `Tax region: ${buyer.taxRegion}` : '',
  ].filter((s) => s !== '')
  doc.text(printable(lines.join('\n')), { width: half })
  doc.moveDown(1.5)
}

/** Label and amount pairs under a table, right-aligned; the last one can be the bold total. */
export const drawTotals = (
  doc: PDFKit.PDFDocument,
  rows: { label: string; amount: string; bold?: boolean }[],
): void => {
  const labelX = PAGE.margin + CONTENT_WIDTH * 0.45
  const labelWidth = CONTENT_WIDTH * 0.35
  const amountX = labelX + labelWidth
  const amountWidth = CONTENT_WIDTH * 0.2
  doc.moveDown(0.5)
  for (const row of rows) {
    doc.font(row.bold ? FONT.bold : FONT.regular).fontSize(row.bold ? 11 : 9.5)
    const height = doc.heightOfString(printable(row.label), { width: labelWidth - 6 })
    if (doc.y + height + 4 > PAGE.height - PAGE.margin - 24) doc.addPage()
    const y = doc.y
    if (row.bold) {
      doc
        .moveTo(labelX, y - 3)
        .lineTo(PAGE.margin + CONTENT_WIDTH, y - 3)
        .lineWidth(0.8)
        .strokeColor('#111111')
        .stroke()
      doc.y = y + 2
    }
    const rowY = doc.y
    doc.fillColor('#111111')
    doc.text(printable(row.label), labelX, rowY, { width: labelWidth - 6, align: 'right' })
    doc.text(printable(row.amount), amountX, rowY, { width: amountWidth - 3, align: 'right' })
    doc.y = rowY + height + 4
  }
  doc.x = PAGE.margin
}

/** A titled paragraph block (notes, reason), moving to a new page when it does not fit. */
export const drawParagraphs = (doc: PDFKit.PDFDocument, title: string, texts: string[]): void => {
  if (texts.length === 0) return
  doc.moveDown(1)
  if (doc.y + 40 > PAGE.height - PAGE.margin - 24) doc.addPage()
  doc.font(FONT.bold).fontSize(8.5).fillColor(GREY).text(title, PAGE.margin, doc.y)
  doc.font(FONT.regular).fontSize(9).fillColor('#111111')
  for (const text of texts) doc.text(printable(text), { width: CONTENT_WIDTH })
}
