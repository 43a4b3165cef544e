import 'server-only'
import { sql } from 'drizzle-orm'
import { users } from '@/db/schema'
import { mfaEnabledColumn } from './mfa/second-factor-columns'

/** The columns of a PrincipalUser, selected by every credential lookup. */
export const principalUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  isAdmin: users.isAdmin,
  primaryOrgId: users.primaryOrgId,
  emailVerified: sql<boolean>`(${users.emailVerified} is not null)`,
  mfaEnabled: mfaEnabledColumn,
}
