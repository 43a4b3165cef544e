import { securityChecklist } from '@/lib/checklist/security-checklist'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// GET /api/v1/admin/security-checklist: the production checklist computed from the running instance (instance admins)
export const GET = route(
  { summary: 'the production checklist computed from the running instance', admin: true },
  async ({ runtime }) => json({ items: await securityChecklist(runtime) }),
)
