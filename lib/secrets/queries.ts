import 'server-only'
import { and, asc, desc, eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { secrets, secretVersions } from '@/db/schema'
import { AppError } from '@/lib/errors'

const summaryColumns = {
  name: secrets.name,
  version: secrets.version,
  createdAt: secrets.createdAt,
  updatedAt: secrets.updatedAt,
  updatedBy: secrets.updatedBy,
}

/** A page of an org's secrets by name, without values; `limit + 1` rows say whether more follow. */
export function findSecrets(db: Executor, orgId: string, page: { limit: number; offset: number }) {
  return db
    .select(summaryColumns)
    .from(secrets)
    .where(eq(secrets.orgId, orgId))
    .orderBy(asc(secrets.name))
    .limit(page.limit + 1)
    .offset(page.offset)
}

export async function secretExists(db: Executor, orgId: string, name: string): Promise<boolean> {
  const rows = await db
    .select({ id: secrets.id })
    .from(secrets)
    .where(and(eq(secrets.orgId, orgId), eq(secrets.name, name)))
    .limit(1)
  return rows.length > 0
}

export async function findSecretNames(db: Executor, orgId: string): Promise<Set<string>> {
  const rows = await db.select({ name: secrets.name }).from(secrets).where(eq(secrets.orgId, orgId))
  return new Set(rows.map((row) => row.name))
}

/** Every version of a secret, newest first, without values. */
export async function findSecretVersions(db: Executor, orgId: string, name: string) {
  const [secret] = await db
    .select({ id: secrets.id })
    .from(secrets)
    .where(and(eq(secrets.orgId, orgId), eq(secrets.name, name)))
  if (!secret) throw new AppError('not_found', `No secret named ${name}`)
  return db
    .select({
      version: secretVersions.version,
      createdAt: secretVersions.createdAt,
      createdBy: secretVersions.createdBy,
      note: secretVersions.note,
    })
    .from(secretVersions)
    .where(eq(secretVersions.secretId, secret.id))
    .orderBy(desc(secretVersions.version))
}
