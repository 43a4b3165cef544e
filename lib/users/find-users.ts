import 'server-only'
import { asc, getTableColumns, ilike, or } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { users } from '@/db/schema'
import { principalUserColumns } from '@/lib/auth/principal-columns'

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`)

/** A page of users for admins, searched by e-mail or name, by e-mail. */
export async function findUsers(db: Executor, args: { search?: string; limit: number; offset: number }) {
  const pattern = args.search ? `%${escapeLike(args.search)}%` : undefined
  return db
    .select({ ...getTableColumns(users), mfaEnabled: principalUserColumns.mfaEnabled })
    .from(users)
    .where(pattern ? or(ilike(users.email, pattern), ilike(users.name, pattern)) : undefined)
    .orderBy(asc(users.email), asc(users.id))
    .limit(args.limit)
    .offset(args.offset)
}
