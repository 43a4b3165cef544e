import 'server-only'
import { headers } from 'next/headers'
import { unstable_rethrow } from 'next/navigation'
import type { z } from 'zod'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { getCurrentSession, getRequestMeta, principalOfSession } from '@/lib/auth/require'
import { isAppError } from '@/lib/errors'
import { isSameOrigin } from '@/lib/http/csrf'
import { assertNoNul } from '@/lib/http/nul-bytes'
import { authorizeOrg, type OrgNeed } from '@/lib/rbac/authorize-org'
import type { OrgAccess } from '@/lib/rbac/org-access'
import { getRuntime, type Runtime } from '@/lib/runtime'
import type { SessionUser } from '@/lib/sessions/verify-session'

export type ActionFailure = { ok: false; error: string; fieldErrors?: Record<string, string[]> }

/** `reveal` carries a value shown once and never again (a new API key). */
export type ActionSuccess = { ok: true; message?: string; reveal?: string }

export type ActionResult = ActionSuccess | ActionFailure

/** A refusal typed as such, so an action that also returns more than a message keeps its success type. */
export const refused = (error: string): ActionFailure => ({ ok: false, error })

type ActionContext<I, S extends boolean, O> = {
  input: I
  runtime: Runtime
  meta: RequestMeta
  session: S extends true ? null : SessionUser
  actor: AuditActor
} & (O extends OrgNeed ? { /** The caller's access to the form's `org` field. */ access: OrgAccess } : unknown)

interface ActionOptions<S extends z.ZodType, P extends boolean, O extends OrgNeed | undefined> {
  schema: S
  /** No session needed (sign-in, setup). */
  public?: P
  /** Resolve the `org` form field through authorizeOrg (unknown or foreign: refused) with this need. */
  org?: O
  /** Instance administrators only. */
  admin?: boolean
}

/** Form fields as an object; a name posted more than once (a checkbox group) becomes an array. */
function formToObject(formData: FormData): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  for (const key of new Set(formData.keys())) {
    if (key.startsWith('$ACTION')) continue
    const values = formData.getAll(key)
    object[key] = values.length > 1 ? values : values[0]
  }
  return object
}

function fieldErrorsOf(issues: { path: PropertyKey[]; message: string }[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {}
  for (const issue of issues) {
    const key = String(issue.path[0] ?? 'form')
    fields[key] = [...(fields[key] ?? []), issue.message]
  }
  return fields
}

const CROSS_ORIGIN = 'This request did not come from Gatehouse’s own pages, so it was refused.'

/**
 * Wraps a server action (a public POST endpoint): refuses a request that is not same-origin (Next
 * checks only when an Origin is sent), requires a live session unless `public`, parses the form
 * with the schema, and turns AppErrors into a result the form can show. Redirects pass. A success
 * may carry more than a message (R): the options of a passkey ceremony, say.
 */
export function defineAction<
  S extends z.ZodType,
  P extends boolean = false,
  R extends ActionSuccess = ActionSuccess,
  O extends OrgNeed | undefined = undefined,
>(options: ActionOptions<S, P, O>, handler: (context: ActionContext<z.infer<S>, P, O>) => Promise<R | ActionFailure>) {
  return async (_previous: ActionResult | null, formData: FormData): Promise<R | ActionFailure> => {
    try {
      const runtime = await getRuntime()
      if (!isSameOrigin(await headers(), runtime.config.appUrl)) return refused(CROSS_ORIGIN)
      const session = await getCurrentSession()
      if (!options.public && !session) return { ok: false, error: 'Your session has ended. Sign in again.' }
      const submitted = formToObject(formData)
      assertNoNul(submitted)
      // The wrapper reads `org` itself when the action declares one; the schema (often the API
      // body's, which is strict) sees the rest.
      const { org: _org, ...withoutOrg } = submitted
      const parsed = options.schema.safeParse(options.org ? withoutOrg : submitted)
      if (!parsed.success)
        return { ok: false, error: 'Check the highlighted fields.', fieldErrors: fieldErrorsOf(parsed.error.issues) }
      if (options.admin && !session?.user.isAdmin) return { ok: false, error: 'This needs an instance administrator.' }
      const meta = await getRequestMeta()
      let access: OrgAccess | undefined
      if (options.org) {
        const orgRef = formData.get('org')
        if (!session || typeof orgRef !== 'string') return { ok: false, error: 'No such organization.' }
        access = await authorizeOrg(runtime.db, principalOfSession(session), orgRef, options.org)
      }
      const actor: AuditActor = session
        ? { type: 'user', id: session.user.id, email: session.user.email }
        : { type: 'anonymous' }
      const context = { input: parsed.data, runtime, meta, access, actor, session }
      // The checks above are what the context type promises: a session unless public, access when org is declared.
      return await handler(context as unknown as ActionContext<z.infer<S>, P, O>)
    } catch (error) {
      unstable_rethrow(error)
      if (isAppError(error)) {
        const fieldErrors = error.errors
          ? fieldErrorsOf(error.errors.map((e) => ({ path: [e.path], message: e.message })))
          : undefined
        return { ok: false, error: error.detail, fieldErrors }
      }
      ;(await getRuntime().catch(() => undefined))?.log.error({ err: error }, 'unhandled error in server action')
      return { ok: false, error: 'Something went wrong on our side. Try again.' }
    }
  }
}
