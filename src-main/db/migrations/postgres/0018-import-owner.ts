/** PostgreSQL form of 0018. */
export const importOwnerPg = `ALTER TABLE usage_import ADD COLUMN owner TEXT;`
