'use server'

import { redirect } from 'next/navigation'
import { defineAction } from '@/lib/actions/define-action'
import { registerFormSchema } from '@/lib/auth/schemas'
import { signInWithPassword } from '@/lib/auth/sign-in'
import { setSessionCookies } from '@/lib/sessions/set-session-cookie'
import { registerUser } from '@/lib/users/register-user'

export const registerAction = defineAction(
  { schema: registerFormSchema, public: true },
  async ({ input, runtime, meta }) => {
    await registerUser(runtime, {
      email: input.email,
      name: input.name,
      password: input.password,
      turnstileToken: input.turnstile_token,
      meta,
    })
    const session = await signInWithPassword(runtime, { email: input.email, password: input.password, meta })
    await setSessionCookies(runtime.config, session)
    redirect('/')
  },
)
