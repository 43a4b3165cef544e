import { z } from 'zod'
import { emailSchema, nameSchema, passwordInputSchema } from '@/lib/users/schemas'

export const tokenBodySchema = z
  .strictObject({
    email: emailSchema,
    password: passwordInputSchema,
    totp_code: z.string().max(16).optional(),
    recovery_code: z.string().max(64).optional(),
    turnstile_token: z.string().max(4096).optional(),
  })
  .meta({ examples: [{ email: 'ada@example.com', password: 'Correct-Horse-42' }] })

export const refreshTokenBodySchema = z
  .strictObject({
    refresh_token: z.string({ message: 'Send the refresh_token.' }).min(1, 'Send the refresh_token.').max(200),
  })
  .meta({ examples: [{ refresh_token: 'ghr_1x2y3z' }] })

export const tokenPairResponse = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
  refresh_token: z.string(),
  refresh_expires_in: z.number().int(),
})

export const signInFormSchema = z.object({
  email: emailSchema,
  password: passwordInputSchema,
  callbackUrl: z.string().max(2000).optional(),
  turnstile_token: z.string().max(4096).optional(),
})

export const registerBodySchema = z
  .strictObject({
    email: emailSchema,
    password: passwordInputSchema,
    name: nameSchema,
    turnstile_token: z.string().max(4096).optional(),
  })
  .meta({ examples: [{ email: 'grace@example.com', password: 'Correct-Horse-42', name: 'Grace Hopper' }] })

// Forms carry fields of the page's own (a hidden username for password managers): not strict like the API.
export const registerFormSchema = registerBodySchema
  .extend({ confirm_password: z.string() })
  .strip()
  .refine((form) => form.password === form.confirm_password, {
    path: ['confirm_password'],
    message: 'The passwords do not match.',
  })

export const registeredResponse = z
  .object({ id: z.string(), email: z.string(), name: z.string().nullable() })
  .transform((user) => ({ user: { id: user.id, email: user.email, name: user.name } }))

export const changePasswordBodySchema = z
  .strictObject({
    current_password: z
      .string({ message: 'Enter your current password.' })
      .min(1, 'Enter your current password.')
      .max(256),
    new_password: passwordInputSchema,
    turnstile_token: z.string().max(4096).optional(),
  })
  .meta({ examples: [{ current_password: 'Correct-Horse-42', new_password: 'Battery-Staple-Lamp-7' }] })

export const changePasswordFormSchema = changePasswordBodySchema
  .extend({ confirm_password: z.string() })
  .strip()
  .refine((form) => form.new_password === form.confirm_password, {
    path: ['confirm_password'],
    message: 'The passwords do not match.',
  })
