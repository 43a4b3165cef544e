import { answerAuditQuery } from '@/lib/audit/answer-audit-query'
import { auditQuerySchema } from '@/lib/audit/schemas'
import { auditActorOf } from '@/lib/auth/principal'
import { route } from '@/lib/http/route'

// GET /api/v1/admin/audit?action=&actor_id=&target_id=&outcome=&since=&until=&format=: the instance-wide audit log (instance admins)
export const GET = route(
  {
    summary: 'the instance-wide audit log, newest first; format=csv or jsonl streams every matching event',
    admin: true,
    query: auditQuerySchema,
  },
  async ({ runtime, principal, query, meta }) =>
    answerAuditQuery(runtime, query, { actor: auditActorOf(principal), meta }),
)
