import { z } from 'zod'
import { orgPathSchema } from '@/lib/orgs/schemas'

export const fileIdSchema = z.string().min(1).max(64)

export const orgFilePathSchema = orgPathSchema.extend({ id: fileIdSchema })

export const filePathSchema = z.object({ id: fileIdSchema })

export const streamQuerySchema = z.object({ token: z.string().max(2048).optional() })

export const fileResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    size: z.number(),
    contentType: z.string(),
    sha256: z.string(),
    createdAt: z.date(),
    createdBy: z.string(),
  })
  .transform((file) => ({
    id: file.id,
    name: file.name,
    size: file.size,
    content_type: file.contentType,
    sha256: file.sha256,
    created_at: file.createdAt,
    created_by: file.createdBy,
  }))

/** A file as guests see it: not who uploaded it (a member's e-mail address). */
export const guestFileResponse = fileResponse.transform(({ created_by: _uploader, ...file }) => file)

export const fileLinkResponse = z.object({ url: z.string(), expires_at: z.string() })

/** What an upload sends: multipart/form-data with one part named `file` (for the OpenAPI document). */
export const uploadRequestSchema = z.object({
  file: z.string().meta({ format: 'binary', description: 'The file; its name and type are kept' }),
})

export const fileFormSchema = z.object({ file_id: fileIdSchema })
