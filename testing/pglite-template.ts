import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'

const MIGRATIONS_FOLDER = join(__dirname, '..', 'db', 'migrations')

/** The migrations and PGlite as they are now: a template made from others is never reused. */
function templateKey(): string {
  const hash = createHash('sha256')
  hash.update(readFileSync(join(__dirname, '..', 'node_modules', '@electric-sql', 'pglite', 'package.json')))
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
    )
  for (const file of files(MIGRATIONS_FOLDER).sort()) hash.update(file).update(readFileSync(file))
  return hash.digest('hex').slice(0, 16)
}

/**
 * Vitest global setup: one migrated PGlite data directory, dumped to a tarball that every test file
 * loads (about 1 s) instead of running initdb in WASM and migrating (about 6 s on two cores).
 */
export default async function setup({ provide }: { provide: (key: 'pgliteTemplate', value: string) => void }) {
  const path = join(tmpdir(), `gatehouse-pglite-template-${templateKey()}.tar`)
  if (!existsSync(path)) {
    const template = new PGlite()
    await migrate(drizzle({ client: template }), { migrationsFolder: MIGRATIONS_FOLDER })
    const dump = await template.dumpDataDir('none')
    await template.close()
    // Written under another name first: a run killed halfway leaves no broken template behind.
    const partial = `${path}.${process.pid}.part`
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
    renameSync(partial, path)
  }
  provide('pgliteTemplate', path)
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string
  }
}
