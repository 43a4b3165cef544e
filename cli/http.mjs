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
 * One API call: JSON in and out (`text: true` answers the body as it came), problem+json turned
 * into a CliError with the server's code and detail. A 429 is retried once after its Retry-After
 * (at most a minute).
 */
export async function callApi(
  server,
  path,
  { method = 'GET', body, token, text: asText = false, retried = false } = {},
) {
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
    return callApi(server, path, { method, body, token, text: asText, retried: true })
  }
  const text = await response.text()
  const data = text && (!asText || !response.ok) ? safeJson(text) : null
  if (!response.ok) throw problemOf(server, response.status, data)
  return asText ? text : data
}

/** A problem+json answer as one line: its detail, and for a 422 what each field needs. */
function problemOf(server, status, problem) {
  const detail = problem?.detail ?? `${server} answered ${status}`
  const fields = Array.isArray(problem?.errors)
    ? problem.errors.map((error) => `${String(error.path).replace(/^(body|query|path)\./, '')}: ${error.message}`)
    : []
  return new CliError(problem?.code ?? `http_${status}`, fields.length ? `${detail}: ${fields.join('; ')}` : detail)
}

/** Every item of a paged list (API.md "Lists"), following next_cursor. */
export async function listAll(call, path) {
  const items = []
  let cursor = null
  do {
    const separator = path.includes('?') ? '&' : '?'
    const page = await call(`${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    items.push(...page.items)
    cursor = page.next_cursor
  } while (cursor)
  return items
}

function safeJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
