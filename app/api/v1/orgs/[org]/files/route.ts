import { auditActorOf } from '@/lib/auth/principal'
import { findFiles } from '@/lib/files/queries'
import { fileResponse, guestFileResponse, uploadRequestSchema } from '@/lib/files/schemas'
import { uploadFile } from '@/lib/files/upload-file'
import { listQuerySchema } from '@/lib/http/list-query'
import { decodeCursor, pageOf } from '@/lib/http/pagination'
import { json } from '@/lib/http/respond'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'
import { orgPathSchema } from '@/lib/orgs/schemas'
import { isGuest } from '@/lib/rbac/org-access'

// GET /api/v1/orgs/{org}/files: the org's files, newest first (file:read; guests too where the org opted in)
export const GET = route(
  {
    summary: 'the files, newest first (guests too, where the org opted in)',
    auth: 'optional',
    guests: true,
    allow: ORG_PRINCIPALS,
    params: orgPathSchema,
    query: listQuerySchema,
    org: 'file:read',
  },
  async ({ runtime, access, query }) => {
    const offset = decodeCursor(query.cursor)
    const rows = await findFiles(runtime.db, access.org.id, { limit: query.limit, offset })
    const shape = isGuest(access) ? guestFileResponse : fileResponse
    return json(
      pageOf(
        rows.map((row) => shape.parse(row)),
        query.limit,
        offset,
      ),
    )
  },
)

// POST /api/v1/orgs/{org}/files: upload one file as multipart field `file`, streamed and encrypted; 413 over MAX_UPLOAD_BYTES (file:write)
export const POST = route(
  {
    summary: 'upload one file as multipart field `file`, streamed and encrypted; 413 over MAX_UPLOAD_BYTES',
    allow: ORG_PRINCIPALS,
    params: orgPathSchema,
    multipart: uploadRequestSchema,
    org: 'file:write',
  },
  async ({ runtime, request, principal, access, meta }) => {
    const file = await uploadFile(runtime, {
      orgId: access.org.id,
      headers: request.headers,
      body: request.body,
      actor: auditActorOf(principal),
      meta,
    })
    return json(fileResponse.parse(file), { status: 201 })
  },
)
