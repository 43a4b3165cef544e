import { z } from 'zod'
import { emailSchema } from '@/lib/users/schemas'

export const roleNameSchema = z.string({ message: 'Choose a role.' }).trim().min(1, 'Choose a role.').max(64)

export const addMemberBodySchema = z
  .strictObject({ email: emailSchema, role: roleNameSchema })
  .meta({ examples: [{ email: 'grace@example.com', role: 'viewer' }] })
export const updateMemberBodySchema = z.strictObject({ role: roleNameSchema }).meta({ examples: [{ role: 'admin' }] })
export const memberPathSchema = z.object({ org: z.string().min(1).max(100), user_id: z.string().min(1).max(100) })

export const memberResponse = z
  .object({ userId: z.string(), email: z.string(), name: z.string().nullable(), role: z.string() })
  .transform((member) => ({ user_id: member.userId, email: member.email, name: member.name, role: member.role }))
