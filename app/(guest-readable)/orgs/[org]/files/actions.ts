'use server'

import { revalidatePath } from 'next/cache'
import { defineAction } from '@/lib/actions/define-action'
import { deleteFile } from '@/lib/files/delete-file'
import { createFileLink } from '@/lib/files/file-links'
import { findOrgFile } from '@/lib/files/queries'
import { fileFormSchema } from '@/lib/files/schemas'

/** A 15-minute link for the clipboard, audited as file.link. */
export const createFileLinkAction = defineAction(
  { schema: fileFormSchema, org: 'file:read' },
  async ({ input, runtime, access, actor, meta }) => {
    const file = await findOrgFile(runtime.db, access.org.id, input.file_id)
    const link = await createFileLink(runtime, { orgId: access.org.id, fileId: file.id, actor, meta })
    return { ok: true as const, url: link.url, expiresAt: link.expiresAt.toISOString() }
  },
)

export const deleteFileAction = defineAction(
  { schema: fileFormSchema, org: 'file:delete' },
  async ({ input, runtime, access, actor, meta }) => {
    await deleteFile(runtime, { orgId: access.org.id, id: input.file_id, actor, meta })
    revalidatePath(`/orgs/${access.org.slug}/files`)
    return { ok: true, message: 'File deleted.' }
  },
)
