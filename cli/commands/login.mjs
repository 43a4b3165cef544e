import { updateServer } from '../credentials.mjs'
import { CliError, usage } from '../errors.mjs'
import { callApi } from '../http.mjs'
import { ask, askHidden, isInteractive, readStdin } from '../prompts.mjs'
import { tokenEntry } from '../session.mjs'

async function passwordFrom(options) {
  if (options.passwordStdin) return readStdin()
  if (isInteractive()) return askHidden('Password:')
  throw usage('no terminal to ask for the password on: pass --password-stdin')
}

/** Tokens for the password, asking for the second factor on a terminal when the server wants one. */
async function signIn(context, email, password, options) {
  const body = {
    email,
    password,
    ...(options.totp ? { totp_code: options.totp } : {}),
    ...(options.recoveryCode ? { recovery_code: options.recoveryCode } : {}),
  }
  try {
    return await callApi(context.server, '/api/v1/auth/token', { method: 'POST', body })
  } catch (error) {
    if (!(error instanceof CliError) || error.code !== 'mfa_required' || body.totp_code || body.recovery_code)
      throw error
    if (!isInteractive())
      throw new CliError('mfa_required', `${error.message}: pass --totp CODE or --recovery-code CODE`)
    const answer = await ask('Code from your authenticator app (or a recovery code): ')
    const factor = /^\d{6}$/.test(answer.replace(/\s/g, ''))
      ? { totp_code: answer.replace(/\s/g, '') }
      : { recovery_code: answer }
    return callApi(context.server, '/api/v1/auth/token', { method: 'POST', body: { email, password, ...factor } })
  }
}

/** `gatehouse login`: a password sign-in (tokens) or an API key, stored for this server. */
export async function login(context, options) {
  if (options.apiKey) {
    const me = await callApi(context.server, '/api/v1/me', { token: options.apiKey })
    updateServer(context.env, context.server, { type: 'api_key', email: me.email, api_key: options.apiKey })
    return context.out(`Signed in to ${context.server} as ${me.email} with an API key.`)
  }
  const email = options.email ?? (isInteractive() ? await ask('E-mail: ') : undefined)
  if (!email) throw usage('no terminal to ask for the e-mail on: pass --email')
  const pair = await signIn(context, email, await passwordFrom(options), options)
  updateServer(context.env, context.server, tokenEntry(email.trim().toLowerCase(), pair))
  context.out(`Signed in to ${context.server} as ${email.trim().toLowerCase()}.`)
}
