import { z } from 'zod'

export const sessionPathSchema = z.object({ id: z.string().min(1).max(100) })

export const sessionResponse = z
  .object({
    id: z.string(),
    kind: z.enum(['browser', 'api']),
    createdAt: z.date(),
    lastUsedAt: z.date(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  })
  .transform((session) => ({
    id: session.id,
    kind: session.kind,
    created_at: session.createdAt.toISOString(),
    last_used_at: session.lastUsedAt.toISOString(),
    ip: session.ip,
    user_agent: session.userAgent,
    current: session.current,
  }))

export const revokeSessionFormSchema = z.object({ session_id: z.string().min(1).max(100) })
