import { z } from 'zod'
import { emailSchema, nameSchema, passwordInputSchema } from '@/lib/users/schemas'

export const setupBodySchema = z
  .strictObject({
    setup_token: z
      .string({ message: 'Enter the setup token from the server log.' })
      .trim()
      .min(1, 'Enter the setup token from the server log.')
      .max(200),
    email: emailSchema,
    name: nameSchema,
    password: passwordInputSchema,
  })
  .meta({
    examples: [
      {
        setup_token: 'copied-from-the-server-log',
        email: 'ada@example.com',
        name: 'Ada Lovelace',
        password: 'Correct-Horse-42',
      },
    ],
  })

export const setupStatusResponse = z.object({ needs_setup: z.boolean() })

export const setupFormSchema = setupBodySchema
  .extend({ confirm_password: z.string() })
  .strip()
  .refine((form) => form.password === form.confirm_password, {
    path: ['confirm_password'],
    message: 'The passwords do not match.',
  })
