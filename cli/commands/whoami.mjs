import { callAsUser } from '../session.mjs'

/** `gatehouse whoami`: who the stored (or given) credential is, and where. */
export async function whoami(context) {
  const me = await callAsUser(context, '/api/v1/me')
  if (context.json) return context.out(JSON.stringify(me))
  const orgs = me.orgs.map((org) => `${org.slug} (${org.role})`).join(', ') || 'none'
  const via = me.auth.type === 'api_key' ? `API key ${me.auth.key_id}` : 'password sign-in'
  context.out(
    [`${me.email}${me.name ? ` (${me.name})` : ''} at ${context.server}`, `via: ${via}`, `organizations: ${orgs}`].join(
      '\n',
    ),
  )
}
