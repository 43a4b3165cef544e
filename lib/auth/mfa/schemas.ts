import { z } from 'zod'
import { passwordInputSchema } from '@/lib/users/schemas'

const codeSchema = z
  .string({ message: 'Enter the 6-digit code from your app.' })
  .trim()
  .regex(/^\d{3}\s?\d{3}$/, 'Enter the 6-digit code from your app.')

export const totpSetupResponse = z
  .object({ secret: z.string(), otpauthUrl: z.string() })
  .transform((setup) => ({ secret: setup.secret, otpauth_url: setup.otpauthUrl }))

export const enableTotpBodySchema = z
  .strictObject({ code: codeSchema, password: passwordInputSchema.optional() })
  .meta({ examples: [{ code: '123456', password: 'Correct-Horse-42' }] })

export const recoveryCodesResponse = z.object({ recovery_codes: z.array(z.string()) })

export const disableTotpBodySchema = z
  .strictObject({ password: passwordInputSchema, code: codeSchema })
  .meta({ examples: [{ password: 'Correct-Horse-42', code: '123456' }] })

/** The browser's second sign-in step: a code from the app, or one recovery code. */
export const secondFactorFormSchema = z
  .object({
    totp_code: z.string().trim().max(16).optional(),
    recovery_code: z.string().trim().max(64).optional(),
  })
  .refine((form) => form.totp_code || form.recovery_code, {
    path: ['totp_code'],
    message: 'Enter the 6-digit code from your app.',
  })
