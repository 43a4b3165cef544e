'use server'

import { redirect } from 'next/navigation'
import { defineAction } from '@/lib/actions/define-action'
import { safeCallbackPath } from '@/lib/auth/safe-callback'
import { signInFormSchema } from '@/lib/auth/schemas'
import { signInWithPassword } from '@/lib/auth/sign-in'
import { setSessionCookies } from '@/lib/sessions/set-session-cookie'

export const signInAction = defineAction({ schema: signInFormSchema, public: true }, async ({ input, runtime, meta }) => {
  const session = await signInWithPassword(runtime, { email: input.email, password: input.password, meta })
  await setSessionCookies(runtime.config, session)
  redirect(safeCallbackPath(input.callbackUrl))
})
