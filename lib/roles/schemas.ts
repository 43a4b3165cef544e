import { z } from 'zod'
import { BUILTIN_ROLE_NAMES, PERMISSIONS } from '@/lib/rbac/permissions'

const customRoleName = z
  .string({ message: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(64, 'Use at most 64 characters.')
  .refine((name) => !(BUILTIN_ROLE_NAMES as readonly string[]).includes(name.toLowerCase()), {
    message: 'That name belongs to a built-in role.',
  })

const permissionList = z
  .array(z.enum(PERMISSIONS, { message: 'Unknown permission.' }))
  .max(PERMISSIONS.length)
  .transform((permissions) => [...new Set(permissions)])

export const createRoleBodySchema = z
  .strictObject({ name: customRoleName, permissions: permissionList })
  .meta({ examples: [{ name: 'Auditors', permissions: ['org:read', 'audit:read'] }] })
export const updateRoleBodySchema = z
  .strictObject({ name: customRoleName.optional(), permissions: permissionList.optional() })
  .refine((body) => body.name !== undefined || body.permissions !== undefined, { message: 'Send name or permissions.' })
  .meta({ examples: [{ permissions: ['org:read', 'member:read', 'audit:read'] }] })
export const rolePathSchema = z.object({ org: z.string().min(1).max(100), role_id: z.string().min(1).max(100) })

export const roleResponse = z.object({
  id: z.string(),
  name: z.string(),
  permissions: z.array(z.string()),
  builtin: z.boolean(),
})
