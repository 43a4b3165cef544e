import { auditActorOf } from '@/lib/auth/principal'
import { deleteFile } from '@/lib/files/delete-file'
import { orgFilePathSchema } from '@/lib/files/schemas'
import { noContent } from '@/lib/http/respond'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'

// DELETE /api/v1/orgs/{org}/files/{id}: the file and its stored bytes; its links stop working (file:delete)
export const DELETE = route(
  {
    summary: 'the file and its stored bytes; its links stop working',
    allow: ORG_PRINCIPALS,
    params: orgFilePathSchema,
    org: 'file:delete',
  },
  async ({ runtime, principal, access, params, meta }) => {
    await deleteFile(runtime, { orgId: access.org.id, id: params.id, actor: auditActorOf(principal), meta })
    return noContent()
  },
)
