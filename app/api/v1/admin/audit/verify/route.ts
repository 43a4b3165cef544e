import { verifyAuditLog } from '@/lib/audit/checkpoint'
import { verifyQuerySchema } from '@/lib/audit/schemas'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// GET /api/v1/admin/audit/verify?checkpoint=: walks the hash chain; with a checkpoint, also proves nothing up to it was cut off (instance admins)
export const GET = route(
  {
    summary: 'walks the hash chain; with a checkpoint, also proves nothing up to it was cut off the end',
    admin: true,
    query: verifyQuerySchema,
  },
  async ({ runtime, query }) => {
    const verdict = await verifyAuditLog(runtime, query.checkpoint)
    return json({
      ok: verdict.ok,
      checked: verdict.checked,
      ...(verdict.firstBadId ? { first_bad_id: verdict.firstBadId } : {}),
      ...(verdict.reason ? { reason: verdict.reason } : {}),
    })
  },
)
