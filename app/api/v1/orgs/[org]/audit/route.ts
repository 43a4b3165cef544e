import { answerAuditQuery } from '@/lib/audit/answer-audit-query'
import { auditQuerySchema } from '@/lib/audit/schemas'
import { auditActorOf } from '@/lib/auth/principal'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'
import { orgPathSchema } from '@/lib/orgs/schemas'

// GET /api/v1/orgs/{org}/audit?action=&actor_id=&target_id=&outcome=&since=&until=&format=: the org's audit log, newest first; csv or jsonl streams it (audit:read)
export const GET = route(
  {
    summary: "the org's audit log, newest first; format=csv or jsonl streams every matching event",
    allow: ORG_PRINCIPALS,
    params: orgPathSchema,
    query: auditQuerySchema,
    org: 'audit:read',
  },
  async ({ runtime, principal, access, query, meta }) =>
    answerAuditQuery(runtime, query, { org: access.org, actor: auditActorOf(principal), meta }),
)
