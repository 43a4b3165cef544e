import { z } from 'zod'
import { passwordInputSchema } from '@/lib/users/schemas'

export const MAX_PASSKEYS_PER_USER = 20

export const passkeyNameSchema = z
  .string({ message: 'Name the passkey.' })
  .trim()
  .min(1, 'Name the passkey, for example after the device or password manager that holds it.')
  .max(64, 'Use at most 64 characters.')

/** A browser's WebAuthn answer, posted as a JSON string form field; its inner parts are checked by the verifier. */
function webauthnAnswer<S extends z.ZodType>(shape: S) {
  return z
    .string({ message: 'The browser sent no passkey answer.' })
    .max(64 * 1024, 'The passkey answer is too large.')
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown
      } catch {
        context.addIssue({ code: 'custom', message: 'The passkey answer is not JSON.' })
        return z.NEVER
      }
    })
    .pipe(shape)
}

const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'Expected base64url.')
  .max(8192)

const answerBase = {
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
}

export const registrationAnswerSchema = webauthnAnswer(
  z.object({
    ...answerBase,
    response: z.looseObject({
      clientDataJSON: base64url,
      attestationObject: base64url,
      transports: z.array(z.string().max(32)).max(8).optional(),
    }),
  }),
)

export const authenticationAnswerSchema = webauthnAnswer(
  z.object({
    ...answerBase,
    response: z.looseObject({
      clientDataJSON: base64url,
      authenticatorData: base64url,
      signature: base64url,
      userHandle: base64url.optional(),
    }),
  }),
)

/** The name is checked before the browser prompts, so a bad one never leaves a passkey on the device unsaved. */
export const startAddPasskeyFormSchema = z.object({ name: passkeyNameSchema, password: passwordInputSchema })

export const addPasskeyFormSchema = z.object({ name: passkeyNameSchema, response: registrationAnswerSchema })

export const renamePasskeyFormSchema = z.object({ passkey_id: z.string().min(1).max(64), name: passkeyNameSchema })

export const removePasskeyFormSchema = z.object({
  passkey_id: z.string().min(1).max(64),
  password: passwordInputSchema.optional(),
})

export const passkeySignInFormSchema = z.object({ response: authenticationAnswerSchema })
