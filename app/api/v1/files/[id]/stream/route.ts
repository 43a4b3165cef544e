import { auditActorOf } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import { authorizeFileRead } from '@/lib/files/authorize-file-read'
import { downloadFile } from '@/lib/files/download-file'
import { verifyFileLink } from '@/lib/files/file-links'
import { findFileById } from '@/lib/files/queries'
import { filePathSchema, streamQuerySchema } from '@/lib/files/schemas'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'
import { isGuest } from '@/lib/rbac/org-access'

// GET /api/v1/files/{id}/stream: the bytes, with ?token= from a link, normal auth (file:read) or as a guest of the file's org; Range supported
export const GET = route(
  {
    summary:
      'the bytes, with ?token= from a link, normal auth (file:read) or as a guest of the file’s org; Range supported',
    auth: 'optional',
    allow: ORG_PRINCIPALS,
    params: filePathSchema,
    query: streamQuerySchema,
  },
  async ({ runtime, request, principal, params, query, meta }) => {
    const rangeHeader = request.headers.get('range')
    let response: Response
    if (query.token) {
      const orgId = await verifyFileLink(runtime, query.token, params.id)
      const file = await findFileById(runtime.db, params.id)
      if (!file || file.orgId !== orgId) throw new AppError('not_found', 'No such file')
      response = await downloadFile(runtime, { file, rangeHeader, actor: { type: 'anonymous' }, via: 'link', meta })
    } else {
      const { file, access } = await authorizeFileRead(runtime, principal, params.id)
      response = await downloadFile(runtime, {
        file,
        rangeHeader,
        actor: principal ? auditActorOf(principal) : { type: 'anonymous' },
        via: isGuest(access) ? 'guest' : 'credential',
        meta,
      })
    }
    // The URL is logged as requested; the logger replaces the link's token (token=***REDACTED***).
    runtime.log.info({ url: request.url, fileId: params.id, status: response.status }, 'file download')
    return response
  },
)
