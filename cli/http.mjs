import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { CliError } from './errors.mjs'

const TIMEOUT_MS = 30_000
// An answer bigger than this is not one of Gatehouse's (the largest, an export, is a few MiB).
const MAX_ANSWER_BYTES = 64 * 1024 * 1024

/** Why the request failed, in words: a server that is down, a TLS problem, a name that does not resolve. */
function unreachable(server, error) {
  const code = error.code ?? ''
  if (code === 'ETIMEDOUT') return new CliError('unreachable', `${server} did not answer within 30 s`)
  if (code === 'ECONNREFUSED')
    return new CliError('unreachable', `cannot reach ${server}: connection refused (is it running?)`)
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new CliError('unreachable', `cannot reach ${server}: its name does not resolve`)
  if (/CERT|SSL|TLS/.test(code) || /certificate|TLS|SSL/i.test(error.message ?? ''))
    return new CliError('tls', `cannot talk to ${server} securely: ${error.message ?? code}`)
  return new CliError('unreachable', `cannot reach ${server}: ${error.message ?? code}`)
}

/**
 * One HTTP exchange with node:http(s), which start in a fraction of fetch's time (issue 16's
 * start-up budget), on a connection that closes after it so that the process can exit at once.
 */
function exchange(url, { method, headers, body }) {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const outgoing = send(url, { method, headers: { ...headers, connection: 'close' }, timeout: TIMEOUT_MS })
    outgoing.once('timeout', () => outgoing.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })))
    outgoing.once('error', reject)
    outgoing.once('response', (incoming) => {
      const chunks = []
      let size = 0
      incoming.on('data', (chunk) => {
        size += chunk.length
        if (size > MAX_ANSWER_BYTES) incoming.destroy(new Error(`the answer is over ${MAX_ANSWER_BYTES} bytes`))
        else chunks.push(chunk)
      })
      incoming.once('error', reject)
      incoming.once('end', () =>
        resolve({
          status: incoming.statusCode,
          ok: incoming.statusCode >= 200 && incoming.statusCode < 300,
          retryAfter: incoming.headers['retry-after'],
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      )
    })
    outgoing.end(body)
  })
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
  const payload = body === undefined ? undefined : JSON.stringify(body)
  let response
  try {
    response = await exchange(new URL(path, server), {
      method,
      headers: {
        accept: 'application/json',
        'user-agent': 'gatehouse-cli',
        ...(payload === undefined
          ? {}
          : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: payload,
    })
  } catch (error) {
    throw unreachable(server, error)
  }
  if (response.status === 429 && !retried) {
    const wait = Math.min(60, Number(response.retryAfter) || 1)
    await new Promise((resolve) => setTimeout(resolve, wait * 1000))
    return callApi(server, path, { method, body, token, text: asText, retried: true })
  }
  const { text } = response
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
