import { CONTENT_BOTTOM, FONT, GREY, PAGE, RULE, printable } from './pdf-kit'

export type Column = { header: string; width: number; align: 'left' | 'right' }

export type RowStyle = {
  bold?: boolean
  /** Sub-rows (a line's tier breakdown) sit indented under their line, smaller and grey. */
  sub?: boolean
}

/**
 * A table that flows over pages: a row that would cross the bottom starts a new page, where the
 * header is drawn again.
 */
export class Table {
  readonly #doc: PDFKit.PDFDocument
  readonly #columns: Column[]

  constructor(doc: PDFKit.PDFDocument, columns: Column[]) {
    this.#doc = doc
    this.#columns = columns
  }

  header(): void {
    const doc = this.#doc
    const y = doc.y
    doc.rect(PAGE.margin, y, this.#width(), 18).fillColor('#f0f0f0').fill()
    doc.font(FONT.bold).fontSize(8.5).fillColor('#222222')
    this.#cells(
      this.#columns.map((c) => c.header),
      y + 5,
      0,
    )
    doc.y = y + 22
  }

  row(cells: string[], style: RowStyle = {}): void {
    const doc = this.#doc
    const size = style.sub ? 7.5 : 9
    const indent = style.sub ? 14 : 0
    doc.font(style.bold ? FONT.bold : FONT.regular).fontSize(size)
    const height = Math.max(
      ...cells.map((text, i) =>
        doc.heightOfString(printable(text), {
          width: (this.#columns[i]?.width ?? 0) - 6 - (i === 0 ? indent : 0),
        }),
      ),
    )
    if (doc.y + height + 6 > CONTENT_BOTTOM) {
      doc.addPage()
      this.header()
      doc.font(style.bold ? FONT.bold : FONT.regular).fontSize(size)
    }
    const y = doc.y
    doc.fillColor(style.sub ? GREY : '#111111')
    this.#cells(cells, y, indent)
    doc.y = y + height + (style.sub ? 2 : 5)
  }

  rule(): void {
    const doc = this.#doc
    doc
      .moveTo(PAGE.margin, doc.y)
      .lineTo(PAGE.margin + this.#width(), doc.y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke()
    doc.y += 5
  }

  #width(): number {
    return this.#columns.reduce((w, c) => w + c.width, 0)
  }

  #cells(cells: string[], y: number, indent: number): void {
    let x = PAGE.margin
    this.#columns.forEach((column, i) => {
      const pad = i === 0 ? indent : 0
      this.#doc.text(printable(cells[i] ?? ''), x + 3 + pad, y, {
        width: column.width - 6 - pad,
        align: column.align,
      })
      x += column.width
    })
  }
}
