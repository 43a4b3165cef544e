import { z } from 'zod'
import { emailSchema, passwordInputSchema } from '@/lib/users/schemas'

/** A mail link's token; its shape and worth are checked by spendMailToken, alike for every refusal. */
const mailLinkToken = z
  .string({ message: 'Open the link from the mail again: its token is missing.' })
  .min(1, 'Open the link from the mail again: its token is missing.')
  .max(200, 'This link is not valid.')

export const forgotPasswordBodySchema = z
  .strictObject({ email: emailSchema, turnstile_token: z.string().max(4096).optional() })
  .meta({ examples: [{ email: 'ada@example.com' }] })

// Forms carry fields of the page's own: not strict like the API.
export const forgotPasswordFormSchema = forgotPasswordBodySchema.strip()

export const resetPasswordBodySchema = z
  .strictObject({ token: mailLinkToken, new_password: passwordInputSchema })
  .meta({ examples: [{ token: 'hB2p3x9QxV1m1F8yqk0l9m3vQjv8c3yJQ7Jd2o4kZgU', new_password: 'Battery-Staple-Lamp-7' }] })

export const resetPasswordFormSchema = resetPasswordBodySchema
  .extend({ confirm_password: z.string() })
  .strip()
  .refine((form) => form.new_password === form.confirm_password, {
    path: ['confirm_password'],
    message: 'The passwords do not match.',
  })

export const verifyEmailBodySchema = z
  .strictObject({ token: mailLinkToken })
  .meta({ examples: [{ token: 'hB2p3x9QxV1m1F8yqk0l9m3vQjv8c3yJQ7Jd2o4kZgU' }] })

export const verifyEmailFormSchema = verifyEmailBodySchema.strip()

export const reportBodySchema = z
  .strictObject({ token: mailLinkToken })
  .meta({ examples: [{ token: 'hB2p3x9QxV1m1F8yqk0l9m3vQjv8c3yJQ7Jd2o4kZgU' }] })

export const reportFormSchema = reportBodySchema.strip()
