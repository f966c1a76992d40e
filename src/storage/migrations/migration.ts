/**
 * @module storage/migrations
 * Versioned schema migrations, one list per dialect. A migration is never edited once
 * released: change the schema by appending a new version. Each adapter records applied
 * versions in `schema_migrations` and applies the missing ones at start, in order, each in
 * a transaction.
 */
export interface Migration {
  version: number
  name: string
  sql: string
}
