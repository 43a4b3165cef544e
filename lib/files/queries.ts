import 'server-only'
import { and, desc, eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { files } from '@/db/schema'
import { AppError } from '@/lib/errors'

export const fileSummaryColumns = {
  id: files.id,
  name: files.name,
  size: files.size,
  contentType: files.contentType,
  sha256: files.sha256,
  createdAt: files.createdAt,
  createdBy: files.createdBy,
}

/** A page of an org's files, newest first; `limit + 1` rows say whether more follow. */
export function findFiles(db: Executor, orgId: string, page: { limit: number; offset: number }) {
  return db
    .select(fileSummaryColumns)
    .from(files)
    .where(eq(files.orgId, orgId))
    .orderBy(desc(files.createdAt), desc(files.id))
    .limit(page.limit + 1)
    .offset(page.offset)
}

/** A file of this org; another org's, or none, answers 404 alike. */
export async function findOrgFile(db: Executor, orgId: string, id: string) {
  const [file] = await db
    .select()
    .from(files)
    .where(and(eq(files.orgId, orgId), eq(files.id, id)))
  if (!file) throw new AppError('not_found', 'No such file')
  return file
}

export async function findFileById(db: Executor, id: string) {
  const [file] = await db.select().from(files).where(eq(files.id, id))
  return file
}
