import { z } from 'zod'
import { MAX_INTEGER } from '@/lib/http/list-query'
import { secretNameSchema, secretNoteSchema, secretValueSchema } from './schemas'

// Browsers send a textarea's line breaks as CRLF in form data; a value typed or pasted there means LF.
const textareaValue = z.string({ message: 'Enter a value.' }).transform((value) => value.replace(/\r\n/g, '\n'))

const optionalNote = secretNoteSchema.optional().transform((note) => note || undefined)

export const saveSecretFormSchema = z.object({
  mode: z.enum(['create', 'update']),
  name: secretNameSchema,
  value: textareaValue.pipe(secretValueSchema),
  note: optionalNote,
})

export const secretFormSchema = z.object({ name: secretNameSchema })

const versionSchema = z.coerce.number().int().min(1).max(MAX_INTEGER)

export const secretVersionFormSchema = z.object({ name: secretNameSchema, version: versionSchema })

export const revealSecretFormSchema = z.object({
  name: secretNameSchema,
  version: versionSchema.optional(),
})

export const importSecretsFormSchema = z.object({
  text: z
    .string({ message: 'Paste the lines of a .env file.' })
    .min(1, 'Paste the lines of a .env file.')
    .max(512 * 1024, 'Paste at most 512 KiB at once.'),
})
