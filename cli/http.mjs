import { CliError } from './errors.mjs'

const TIMEOUT_MS = 30_000

/** Why fetch failed, in words: a server that is down, a TLS problem, a name that does not resolve. */
function unreachable(server, error) {
  const cause = error.cause ?? error
  const code = cause.code ?? ''
  if (error.name === 'TimeoutError') return new CliError('unreachable', `${server} did not answer within 30 s`)
  if (code === 'ECONNREFUSED')
    return new CliError('unreachable', `cannot reach ${server}: connection refused (is it running?)`)
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new CliError('unreachable', `cannot reach ${server}: its name does not resolve`)
  if (/CERT|SSL|TLS/.test(code) || /certificate|TLS|SSL/i.test(cause.message ?? ''))
    return new CliError('tls', `cannot talk to ${server} securely: ${cause.message ?? code}`)
  return new CliError('unreachable', `cannot reach ${server}: ${cause.message ?? code}`)
}

/**
 * One API call: JSON in and out, problem+json turned into a CliError with the server's code and
 * detail. A 429 is retried once after its Retry-After (at most a minute).
 */
export async function callApi(server, path, { method = 'GET', body, token, retried = false } = {}) {
  let response
  try {
    response = await fetch(new URL(path, server), {
      method,
      headers: {
        accept: 'application/json',
        'user-agent': 'gatehouse-cli',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    throw unreachable(server, error)
  }
  if (response.status === 429 && !retried) {
    const wait = Math.min(60, Number(response.headers.get('retry-after')) || 1)
    await new Promise((resolve) => setTimeout(resolve, wait * 1000))
    return callApi(server, path, { method, body, token, retried: true })
  }
  const text = await response.text()
  const data = text ? safeJson(text) : null
  if (!response.ok)
    throw new CliError(data?.code ?? `http_${response.status}`, data?.detail ?? `${server} answered ${response.status}`)
  return data
}

function safeJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
