import { readCredentials, updateServer } from './credentials.mjs'
import { CliError, EXIT, notSignedIn } from './errors.mjs'
import { callApi } from './http.mjs'

// Refresh a little before the access token runs out, so that a call does not meet its last second.
const EARLY_MS = 30_000

/** What `login` stores for a token pair from /auth/token or /auth/refresh. */
export function tokenEntry(email, pair, now = Date.now()) {
  return {
    type: 'tokens',
    email,
    access_token: pair.access_token,
    refresh_token: pair.refresh_token,
    expires_at: new Date(now + pair.expires_in * 1000).toISOString(),
  }
}

async function refreshed(context, entry) {
  let pair
  try {
    pair = await callApi(context.server, '/api/v1/auth/refresh', {
      method: 'POST',
      body: { refresh_token: entry.refresh_token },
    })
  } catch (error) {
    if (error instanceof CliError && ['invalid_token', 'token_reused', 'unauthorized'].includes(error.code))
      throw new CliError(
        'session_ended',
        `your sign-in to ${context.server} has ended: run gatehouse login`,
        EXIT.signedOut,
      )
    throw error
  }
  const next = tokenEntry(entry.email, pair)
  updateServer(context.env, context.server, next)
  return next
}

/**
 * The credential for a call: `--api-key` > GATEHOUSE_API_KEY > what `login` stored for this server,
 * whose access token is refreshed (and the rotated pair written back) when it has run out.
 */
export async function credential(context, { forceRefresh = false } = {}) {
  const key = context.apiKey || context.env.GATEHOUSE_API_KEY
  if (key) return { token: key, kind: 'api_key' }
  const entry = readCredentials(context.env).servers[context.server]
  if (!entry) throw notSignedIn(context.server)
  if (entry.type === 'api_key') return { token: entry.api_key, kind: 'api_key' }
  const fresh =
    forceRefresh || Date.parse(entry.expires_at) - EARLY_MS <= Date.now() ? await refreshed(context, entry) : entry
  return { token: fresh.access_token, kind: 'tokens' }
}

/** An API call with the credential; a token the server no longer takes is refreshed once. */
export async function callAsUser(context, path, options = {}) {
  const first = await credential(context)
  try {
    return await callApi(context.server, path, { ...options, token: first.token })
  } catch (error) {
    if (!(error instanceof CliError) || error.code !== 'invalid_token' || first.kind !== 'tokens') throw error
    const again = await credential(context, { forceRefresh: true })
    return callApi(context.server, path, { ...options, token: again.token })
  }
}
