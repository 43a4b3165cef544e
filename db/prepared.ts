import 'server-only'
import type { Db } from './client'

/**
 * A drizzle prepared statement, built once per database handle: the hot lookups (every
 * authenticated request) skip rebuilding their SQL. Tests open many databases, hence the map.
 */
export function preparedPerDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const statements = new WeakMap<Db, T>()
  return (db) => {
    let statement = statements.get(db)
    if (!statement) {
      statement = build(db)
      statements.set(db, statement)
    }
    return statement
  }
}
