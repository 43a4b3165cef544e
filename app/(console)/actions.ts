'use server'

import { revalidatePath } from 'next/cache'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { defineAction } from '@/lib/actions/define-action'
import { getRequestMeta } from '@/lib/auth/require'
import { createOrgForUser } from '@/lib/orgs/create-org'
import { createOrgFormSchema } from '@/lib/orgs/schemas'
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

export const createOrgAction = defineAction(
  { schema: createOrgFormSchema },
  async ({ input, runtime, session, actor, meta }) => {
    const org = await createOrgForUser(runtime.db, {
      name: input.name,
      slug: input.slug,
      userId: session.user.id,
      actor,
      meta,
    })
    revalidatePath('/', 'layout') // the switcher and navigation list the new organization
    redirect(`/orgs/${org.slug}`)
  },
)
