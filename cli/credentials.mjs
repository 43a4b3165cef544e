import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

/** `$XDG_CONFIG_HOME/gatehouse/auth.json` (default `~/.config/gatehouse/auth.json`). */
export function credentialsPath(env) {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config')
  return join(base, 'gatehouse', 'auth.json')
}

/**
 * The stored sign-ins, one per server URL: `{last_server, servers: {url: {type:"tokens", …} |
 * {type:"api_key", api_key}}}`. A missing file is no sign-in at all.
 */
export function readCredentials(env) {
  try {
    const parsed = JSON.parse(readFileSync(credentialsPath(env), 'utf8'))
    return { last_server: parsed.last_server ?? null, servers: parsed.servers ?? {} }
  } catch (error) {
    if (error.code === 'ENOENT') return { last_server: null, servers: {} }
    throw error
  }
}

/** Writes the whole file atomically (a temporary file renamed over it), readable by its owner only. */
export function writeCredentials(env, credentials) {
  const path = credentialsPath(env)
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 })
  chmodSync(temporary, 0o600)
  renameSync(temporary, path)
}

/** Changes one server's entry (undefined forgets it) and writes the file. */
export function updateServer(env, server, entry) {
  const credentials = readCredentials(env)
  if (entry) {
    credentials.servers[server] = entry
    credentials.last_server = server
  } else delete credentials.servers[server]
  writeCredentials(env, credentials)
}
