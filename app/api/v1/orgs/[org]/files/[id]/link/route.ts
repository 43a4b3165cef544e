import { auditActorOf } from '@/lib/auth/principal'
import { createFileLink } from '@/lib/files/file-links'
import { findOrgFile } from '@/lib/files/queries'
import { fileLinkResponse, orgFilePathSchema } from '@/lib/files/schemas'
import { json } from '@/lib/http/respond'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'

// POST /api/v1/orgs/{org}/files/{id}/link: a 15-minute download link bound to this file (file:read)
export const POST = route(
  {
    summary: 'a 15-minute download link bound to this file',
    allow: ORG_PRINCIPALS,
    params: orgFilePathSchema,
    org: 'file:read',
  },
  async ({ runtime, principal, access, params, meta }) => {
    const file = await findOrgFile(runtime.db, access.org.id, params.id)
    const link = await createFileLink(runtime, {
      orgId: access.org.id,
      fileId: file.id,
      actor: auditActorOf(principal),
      meta,
    })
    return json(fileLinkResponse.parse({ url: link.url, expires_at: link.expiresAt.toISOString() }))
  },
)
