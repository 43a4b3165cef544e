import { pgTable, text } from 'drizzle-orm/pg-core'
import { updatedAt } from './columns'

/**
 * Named configuration values kept in the database. Sensitive ones are AES-256-GCM sealed with the
 * master key (`nonce`, `ciphertext`, `keyId`, with the name as associated data); others use `value`.
 */
export const registry = pgTable('registry', {
  name: text('name').primaryKey(),
  value: text('value'),
  nonce: text('nonce'),
  ciphertext: text('ciphertext'),
  keyId: text('key_id'),
  updatedAt: updatedAt(),
})

export type RegistryRow = typeof registry.$inferSelect
