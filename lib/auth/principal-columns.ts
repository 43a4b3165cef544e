import 'server-only'
import { sql } from 'drizzle-orm'
import { users } from '@/db/schema'

/** The columns of a PrincipalUser, selected by every credential lookup. */
export const principalUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  isAdmin: users.isAdmin,
  primaryOrgId: users.primaryOrgId,
  mfaEnabled: sql<boolean>`exists (select 1 from totp_credentials t where t.user_id = "users"."id" and t.enabled_at is not null)`,
}
