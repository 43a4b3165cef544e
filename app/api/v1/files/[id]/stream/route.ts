import { auditActorOf } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import { downloadFile } from '@/lib/files/download-file'
import { verifyFileLink } from '@/lib/files/file-links'
import { findFileById } from '@/lib/files/queries'
import { filePathSchema, streamQuerySchema } from '@/lib/files/schemas'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'
import { authorizeOrg } from '@/lib/rbac/authorize-org'

// GET /api/v1/files/{id}/stream: the bytes, with ?token= from a link or normal auth (file:read); Range supported
export const GET = route(
  {
    summary: 'the bytes, with ?token= from a link or normal auth (file:read); Range supported',
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
      if (!principal) throw new AppError('unauthenticated', 'Send a download link’s ?token=, or authenticate')
      const file = await findFileById(runtime.db, params.id)
      if (!file) throw new AppError('not_found', 'No such file')
      const access = await authorizeOrg(runtime.db, principal, file.orgId, 'file:read', { fromCredential: true })
      if (access.org.id !== file.orgId) throw new AppError('not_found', 'No such file')
      response = await downloadFile(runtime, {
        file,
        rangeHeader,
        actor: auditActorOf(principal),
        via: 'credential',
        meta,
      })
    }
    // The URL is logged as requested; the logger replaces the link's token (token=***REDACTED***).
    runtime.log.info({ url: request.url, fileId: params.id, status: response.status }, 'file download')
    return response
  },
)
