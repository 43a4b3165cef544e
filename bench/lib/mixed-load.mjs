// The load test of `npm run bench`: 200 connections for 60 s of a mixed workload against one
// production server on PostgreSQL, with the event-loop delay inside the server measured over it.
import { randomBytes } from 'node:crypto'
import autocannon from 'autocannon'
import { BASE, serverProbe } from './server.mjs'

export const MIXED_LOAD = { connections: 200, duration_s: 60 }

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ url: BASE, ...options }, (error, result) => (error ? reject(error) : resolve(result)))
  })
}

/**
 * What each connection cycles through, 20 requests a turn: reads of /me with a token (6) and an
 * API key (5), secret reads (3) and writes (1), 64 KiB file downloads (3), and password sign-ins
 * (2, each an argon2id hash: about one request in ten, as on a busy morning).
 */
async function workload({ accessToken, key, admin }) {
  const bearer = { authorization: `Bearer ${accessToken}` }
  const put = await fetch(`${BASE}/api/v1/orgs/default/secrets/LOAD_READ`, {
    method: 'PUT',
    headers: { ...bearer, 'content-type': 'application/json' },
    body: JSON.stringify({ value: randomBytes(24).toString('base64url') }),
  })
  if (!put.ok) throw new Error(`secret set-up: ${put.status}`)
  const form = new FormData()
  form.set('file', new Blob([randomBytes(64 * 1024)]), 'load.bin')
  const upload = await fetch(`${BASE}/api/v1/orgs/default/files`, { method: 'POST', headers: bearer, body: form })
  if (!upload.ok) throw new Error(`file set-up: ${upload.status}`)
  const { id: fileId } = await upload.json()
  const json = { 'content-type': 'application/json' }
  const meToken = { method: 'GET', path: '/api/v1/me', headers: bearer }
  const meKey = { method: 'GET', path: '/api/v1/me', headers: { authorization: `Bearer ${key}` } }
  const secretRead = { method: 'GET', path: '/api/v1/orgs/default/secrets/LOAD_READ', headers: bearer }
  const secretWrite = {
    method: 'PUT',
    path: '/api/v1/orgs/default/secrets/LOAD_WRITE',
    headers: { ...bearer, ...json },
    body: JSON.stringify({ value: 'written under load' }),
  }
  const download = { method: 'GET', path: `/api/v1/files/${fileId}/stream`, headers: bearer }
  const signIn = { method: 'POST', path: '/api/v1/auth/token', headers: json, body: JSON.stringify(admin) }
  return [
    meToken,
    meKey,
    secretRead,
    meToken,
    download,
    meKey,
    signIn,
    meToken,
    secretRead,
    meKey,
    secretWrite,
    meToken,
    download,
    meKey,
    meToken,
    secretRead,
    signIn,
    meKey,
    download,
    meToken,
  ]
}

export async function mixedLoad(server, credentials) {
  const requests = await workload(credentials)
  await run({ connections: 50, duration: 5, requests }) // warm-up
  await serverProbe(server) // the event-loop histogram starts here
  const result = await run({ connections: MIXED_LOAD.connections, duration: MIXED_LOAD.duration_s, requests })
  const probe = await serverProbe(server)
  return {
    ...MIXED_LOAD,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    latency_ms: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    event_loop_delay_ms: { p50: probe.p50, p99: probe.p99, max: probe.max },
    rss_mib: Math.round(probe.rss / 1048576),
  }
}
