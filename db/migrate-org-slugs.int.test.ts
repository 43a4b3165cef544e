/**
 * An organization created before slugs were checked may have a slug shaped like an id (another
 * org's, in an attack). Upgrading renames it to something that is not, and forbids new ones.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { organizations } from '@/db/schema'
import { createTestDatabase, type TestDatabaseHandle } from '@/lib/testing/db'
import { MIGRATIONS_FOLDER, migrateDatabase } from './migrate'

/** The committed migrations up to and including `lastTag`: a database as an older release left it. */
function migrationsUpTo(lastTag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'gatehouse-migrations-'))
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'))
  const last = journal.entries.findIndex((entry: { tag: string }) => entry.tag === lastTag)
  journal.entries = journal.entries.slice(0, last + 1)
  writeFileSync(journalPath, JSON.stringify(journal))
  return folder
}

describe('upgrading organizations with id-shaped slugs', () => {
  let handle: TestDatabaseHandle
  let folder: string
  afterEach(async () => {
    await handle.drop()
    rmSync(folder, { recursive: true, force: true })
  })

  it('renames them, keeps the others, and refuses new ones', async () => {
    handle = await createTestDatabase({ empty: true })
    const database = await handle.open()
    folder = migrationsUpTo('0007_files')
    await migrateDatabase(database, folder)
    const victimId = crypto.randomUUID()
    // The table as 0007 left it: today's schema has columns that it lacks.
    const lookalike = { id: crypto.randomUUID(), slug: victimId.toUpperCase() }
    const plain = { id: crypto.randomUUID(), slug: 'plain' }
    await database.db.execute(
      sql`insert into organizations (id, slug, name) values (${lookalike.id}, ${lookalike.slug}, 'Lookalike'), (${plain.id}, ${plain.slug}, 'Plain')`,
    )

    await migrateDatabase(database)
    const slugOf = async (id: string) =>
      (await database.db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, id)))[0]
        .slug
    expect(await slugOf(lookalike.id)).toBe(`org-${lookalike.id.replaceAll('-', '')}`)
    expect(await slugOf(plain.id)).toBe('plain')
    const refused = await database.db
      .execute(sql`insert into organizations (id, slug, name) values ('x', ${victimId}, 'Again')`)
      .catch((error: Error) => error)
    expect(String((refused as Error).cause)).toMatch(/organizations_slug_not_id_shaped/)
  })
})
