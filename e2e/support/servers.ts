import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RUN_DIR } from './server'

export interface ServerInfo {
  url: string
  logPath: string
  databaseUrl?: string
  admin?: { email: string; password: string }
}

export type ServerName = 'pglite' | 'console' | 'turnstile' | 'postgres'

/** What global-setup started, for the specs. */
export function serverInfo(name: ServerName): ServerInfo {
  const servers = JSON.parse(readFileSync(join(RUN_DIR, 'servers.json'), 'utf8')) as Record<string, ServerInfo>
  const info = servers[name]
  if (!info) throw new Error(`the ${name} server was not started`)
  return info
}
