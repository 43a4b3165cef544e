import 'server-only'
import type { Tx } from '@/db/client'
import { users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { findUserByEmail } from './queries'

export interface CreateUserArgs {
  email: string
  name: string
  passwordHash: string | null
  isAdmin?: boolean
  /** The address was proven (by an identity provider): stored as verified now. */
  emailVerified?: boolean
  /** How the account came to be, when not by a form (`sso`): recorded in the audit event. */
  via?: string
  actor: AuditActor
  meta: RequestMeta
}

/** Inserts a user inside the caller's transaction and records user.create; 409 email_taken on a duplicate. */
export async function createUser(tx: Tx, args: CreateUserArgs) {
  if (await findUserByEmail(tx, args.email))
    throw new AppError('email_taken', 'An account with this e-mail address already exists')
  const [user] = await tx
    .insert(users)
    .values({
      email: args.email.trim().toLowerCase(),
      name: args.name,
      passwordHash: args.passwordHash,
      isAdmin: args.isAdmin ?? false,
      emailVerified: args.emailVerified ? new Date() : null,
    })
    .returning()
  await recordAudit(tx, {
    action: 'user.create',
    actor: args.actor.type === 'anonymous' ? { type: 'user', id: user.id, email: user.email } : args.actor,
    target: { type: 'user', id: user.id },
    meta: args.meta,
    details: { email: user.email, is_admin: user.isAdmin, ...(args.via ? { via: args.via } : {}) },
  })
  return user
}
