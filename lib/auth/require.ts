import 'server-only'
import { cookies, headers } from 'next/headers'
import { notFound, redirect } from 'next/navigation'
import { cache } from 'react'
import type { RequestMeta } from '@/lib/audit/types'
import { isAppError } from '@/lib/errors'
import { requestMeta } from '@/lib/http/request-meta'
import { authorizeOrg, type OrgNeed } from '@/lib/rbac/authorize-org'
import type { OrgAccess } from '@/lib/rbac/org-access'
import type { Permission } from '@/lib/rbac/permissions'
import { getRuntime, type Runtime } from '@/lib/runtime'
import { sessionCookieName } from '@/lib/sessions/cookies'
import { type SessionUser, verifySession } from '@/lib/sessions/verify-session'
import { needsSetup } from '@/lib/setup/needs-setup'
import { developmentSession } from './development-admin'
import type { Principal } from './principal'

/** The browser session of this request, verified against the database once per render. */
export const getCurrentSession = cache(async (): Promise<SessionUser | null> => {
  const runtime = await getRuntime()
  if (!runtime.config.authEnabled) return developmentSession(runtime, (await headers()).get('host'))
  const token = (await cookies()).get(sessionCookieName(runtime.config))?.value
  return verifySession(runtime.db, token)
})

export const getRequestMeta = cache(async (): Promise<RequestMeta> => {
  const runtime = await getRuntime()
  return requestMeta(await headers(), runtime.config)
})

/** To sign-in, saying the session ended when the browser still held one, and coming back to `callbackUrl`. */
async function redirectToSignIn(runtime: Runtime, callbackUrl?: string): Promise<never> {
  const hadCookie = (await cookies()).has(sessionCookieName(runtime.config))
  const query = new URLSearchParams({
    ...(hadCookie ? { reason: 'session_ended' } : {}),
    ...(callbackUrl ? { callbackUrl } : {}),
  })
  redirect(query.size > 0 ? `/login?${query}` : '/login')
}

/**
 * The server-side gate for console pages, layouts and server actions (the proxy only checks that a
 * cookie exists). Sends a fresh instance to /setup and everyone without a live session to /login.
 */
export async function requireUser(): Promise<SessionUser> {
  const runtime = await getRuntime()
  if (await needsSetup(runtime.db)) redirect('/setup')
  const session = await getCurrentSession()
  if (session) return session
  return redirectToSignIn(runtime)
}

export async function requireAdmin(): Promise<SessionUser> {
  const session = await requireUser()
  if (!session.user.isAdmin) redirect('/')
  return session
}

export function principalOfSession(session: SessionUser): Extract<Principal, { via: 'session' }> {
  return {
    type: 'user',
    via: 'session',
    user: session.user,
    memberships: session.memberships,
    sessionId: session.sessionId,
  }
}

/** What an org page shows instead of a failed authorizeOrg: the 404 page, or the second-factor set-up. */
function orgPageFailure(error: unknown, orgRef: string): never {
  if (isAppError(error) && (error.code === 'not_found' || error.code === 'forbidden')) notFound()
  if (isAppError(error) && error.code === 'mfa_enrollment_required')
    redirect(`/security?required_by=${encodeURIComponent(orgRef)}`)
  throw error
}

/**
 * For org pages: the signed-in user's access to `{org}` with what the page needs. Another org, and
 * a role without the page's permission, render the 404 page; an org that requires two-factor sends
 * a member without it to set it up.
 */
export async function requireOrgAccess(
  orgRef: string,
  need: OrgNeed,
): Promise<{ session: SessionUser; access: OrgAccess }> {
  const session = await requireUser()
  const runtime = await getRuntime()
  try {
    return { session, access: await authorizeOrg(runtime.db, principalOfSession(session), orgRef, need) }
  } catch (error) {
    orgPageFailure(error, orgRef)
  }
}

/**
 * For the org pages guests may read (the proxy lets them through without a cookie): a member's
 * access, else the guest role where ALLOW_GUEST_MODE is on and the org opted in (a signed-in
 * non-member included). Any other anonymous visitor signs in and comes back to `returnTo`, as the
 * proxy would have sent them; a signed-in outsider gets the 404 page as on every org page.
 */
export async function requireOrgAccessOrGuest(
  orgRef: string,
  need: Permission,
  returnTo: string,
): Promise<{ session: SessionUser | null; access: OrgAccess }> {
  const runtime = await getRuntime()
  if (await needsSetup(runtime.db)) redirect('/setup')
  const session = await getCurrentSession()
  try {
    const principal = session ? principalOfSession(session) : null
    return { session, access: await authorizeOrg(runtime.db, principal, orgRef, need, { guests: runtime.config }) }
  } catch (error) {
    if (isAppError(error) && error.code === 'unauthenticated') return redirectToSignIn(runtime, returnTo)
    orgPageFailure(error, orgRef)
  }
}
