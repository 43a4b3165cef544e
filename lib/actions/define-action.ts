import 'server-only'
import { unstable_rethrow } from 'next/navigation'
import { z } from 'zod'
import type { RequestMeta } from '@/lib/audit/types'
import { getCurrentSession, getRequestMeta } from '@/lib/auth/require'
import type { SessionUser } from '@/lib/sessions/verify-session'
import { isAppError } from '@/lib/errors'
import { getRuntime, type Runtime } from '@/lib/runtime'

export type ActionResult = { ok: true; message?: string } | { ok: false; error: string; fieldErrors?: Record<string, string[]> }

interface ActionContext<I, S extends boolean> {
  input: I
  runtime: Runtime
  meta: RequestMeta
  session: S extends true ? null : SessionUser
}

function fieldErrorsOf(issues: { path: PropertyKey[]; message: string }[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {}
  for (const issue of issues) {
    const key = String(issue.path[0] ?? 'form')
    ;(fields[key] ??= []).push(issue.message)
  }
  return fields
}

/**
 * Wraps a server action (a public POST endpoint): requires a live session unless `public`, parses
 * the form with the schema, and turns AppErrors into a result the form can show. Redirects pass.
 */
export function defineAction<S extends z.ZodType, P extends boolean = false>(
  options: { schema: S; public?: P },
  handler: (context: ActionContext<z.infer<S>, P>) => Promise<ActionResult>,
) {
  return async (_previous: ActionResult | null, formData: FormData): Promise<ActionResult> => {
    try {
      const session = await getCurrentSession()
      if (!options.public && !session) return { ok: false, error: 'Your session has ended. Sign in again.' }
      const parsed = options.schema.safeParse(Object.fromEntries(formData))
      if (!parsed.success) return { ok: false, error: 'Check the highlighted fields.', fieldErrors: fieldErrorsOf(parsed.error.issues) }
      const runtime = await getRuntime()
      const meta = await getRequestMeta()
      return await handler({ input: parsed.data, runtime, meta, session: session as ActionContext<z.infer<S>, P>['session'] })
    } catch (error) {
      unstable_rethrow(error)
      if (isAppError(error)) {
        const fieldErrors = error.errors ? fieldErrorsOf(error.errors.map((e) => ({ path: [e.path], message: e.message }))) : undefined
        return { ok: false, error: error.detail, fieldErrors }
      }
      ;(await getRuntime().catch(() => undefined))?.log.error({ err: error }, 'unhandled error in server action')
      return { ok: false, error: 'Something went wrong on our side. Try again.' }
    }
  }
}
