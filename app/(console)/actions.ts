'use server'

import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { getRequestMeta } from '@/lib/auth/require'
import { getRuntime } from '@/lib/runtime'
import { sessionCookieName } from '@/lib/sessions/cookies'
import { endSession } from '@/lib/sessions/end-session'
import { clearSessionCookie } from '@/lib/sessions/set-session-cookie'

/** Ends the session behind this browser's cookie. Needs no live session: it only ever removes its own. */
export async function signOutAction() {
  const runtime = await getRuntime()
  const token = (await cookies()).get(sessionCookieName(runtime.config))?.value
  await endSession(runtime.db, token, await getRequestMeta())
  await clearSessionCookie(runtime.config)
  redirect('/login')
}
