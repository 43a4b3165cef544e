import { readCredentials, updateServer } from '../credentials.mjs'
import { CliError, notSignedIn } from '../errors.mjs'
import { callApi } from '../http.mjs'

/** `gatehouse logout`: the API sign-in is revoked on the server first, then forgotten here. */
export async function logout(context) {
  const entry = readCredentials(context.env).servers[context.server]
  if (!entry) throw notSignedIn(context.server)
  if (entry.type === 'tokens') {
    try {
      await callApi(context.server, '/api/v1/auth/logout', {
        method: 'POST',
        body: { refresh_token: entry.refresh_token },
      })
    } catch (error) {
      // A sign-in the server has ended already is as good as revoked.
      if (!(error instanceof CliError) || !['invalid_token', 'token_reused'].includes(error.code)) throw error
    }
  }
  updateServer(context.env, context.server, undefined)
  context.out(`Signed out of ${context.server}.`)
}
