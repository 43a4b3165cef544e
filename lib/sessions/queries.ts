import 'server-only'
import { eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { sessions } from '@/db/schema'

export async function findSessionById(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      expires: sessions.expires,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
      authMethod: sessions.authMethod,
    })
    .from(sessions)
    .where(eq(sessions.id, id))
  return row
}
