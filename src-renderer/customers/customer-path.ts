/** Where a customer's page lives; external ids may hold characters a path cannot. */
export const customerPath = (externalId: string): string =>
  `/customers/${encodeURIComponent(externalId)}`
