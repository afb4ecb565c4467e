/** Where an invoice's page lives. */
export const invoicePath = (id: number): string => `/invoices/${id}`

/** How an invoice is named to people: its number once finalized, "Draft" before. */
export const invoiceLabel = (invoice: { number: string | null; id: number }): string =>
  invoice.number ?? `Draft #${invoice.id}`
