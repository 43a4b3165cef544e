import { CliError } from './errors.mjs'
import { callAsUser } from './session.mjs'

/** `--org` (an id or a slug, which the server resolves), else the primary org, else an API key's own org. */
export async function orgOf(context, flag) {
  if (flag) return flag
  const me = await callAsUser(context, '/api/v1/me')
  const org = me.primary_org_id ?? (me.auth.type === 'api_key' ? me.orgs[0]?.id : undefined)
  if (!org) throw new CliError('no_org', 'you have no primary organization: pass --org')
  return org
}
