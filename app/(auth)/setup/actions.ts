'use server'

import { redirect } from 'next/navigation'
import { defineAction } from '@/lib/actions/define-action'
import { signInWithPassword } from '@/lib/auth/sign-in'
import { setSessionCookies } from '@/lib/sessions/set-session-cookie'
import { createFirstAdmin } from '@/lib/setup/create-first-admin'
import { setupFormSchema } from '@/lib/setup/schemas'

export const setupAction = defineAction({ schema: setupFormSchema, public: true }, async ({ input, runtime, meta }) => {
  await createFirstAdmin({
    runtime,
    email: input.email,
    name: input.name,
    password: input.password,
    setupToken: input.setup_token,
    meta,
  })
  const session = await signInWithPassword(runtime, { email: input.email, password: input.password, meta })
  await setSessionCookies(runtime.config, session)
  redirect('/')
})
