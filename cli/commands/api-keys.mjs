import { usage } from '../errors.mjs'
import { orgOf } from '../org.mjs'
import { callAsUser } from '../session.mjs'

const UNITS = { h: 3600, d: 86_400, w: 7 * 86_400 }

/** `--expires 30d` (h, d or w) or an ISO date and time, as the API's `expires_at`. */
export function expiresAt(value, now = Date.now()) {
  const relative = /^(\d{1,4})([hdw])$/.exec(value)
  if (relative) return new Date(now + Number(relative[1]) * UNITS[relative[2]] * 1000).toISOString()
  if (!Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}/.test(value)) return new Date(value).toISOString()
  throw usage(`--expires takes 30d, 12h, 2w or a date such as 2027-01-31, not ${JSON.stringify(value)}`)
}

const row = (key) =>
  [
    key.id,
    key.name,
    key.prefix,
    key.scopes.join(','),
    key.expires_at ?? 'never',
    key.last_used_at ?? 'never used',
  ].join('\t')

export async function listApiKeys(context) {
  const { items } = await callAsUser(context, '/api/v1/api-keys')
  if (context.json) return context.out(JSON.stringify(items))
  context.out(
    items.length ? ['ID\tNAME\tPREFIX\tSCOPES\tEXPIRES\tLAST USED', ...items.map(row)].join('\n') : 'No API keys.',
  )
}

/** Prints the key once: on its own line on stdout (so `$(gatehouse api-keys create …)` takes it), the rest on stderr. */
export async function createApiKey(context, name, options) {
  const body = {
    name,
    org_id: await orgOf(context, options.org),
    scopes: options.scope,
    ...(options.expires ? { expires_at: expiresAt(options.expires) } : {}),
  }
  const created = await callAsUser(context, '/api/v1/api-keys', { method: 'POST', body })
  if (context.json) return context.out(JSON.stringify(created))
  context.out(created.key)
  process.stderr.write(`Created ${created.name} (${created.id}). The key is shown this once: store it now.\n`)
}

export async function revokeApiKey(context, id) {
  await callAsUser(context, `/api/v1/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' })
  context.out(`Revoked ${id}: it stops working at once.`)
}
