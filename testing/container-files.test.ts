/**
 * The Dockerfile and compose.yaml, checked for what no Docker engine here can run: the image runs
 * Node itself as a non-root user with nothing secret in it, and compose publishes Gatehouse alone,
 * keeps the backends on an internal network, and hardens every service.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { CONFIG_VARIABLES } from '@/lib/config/schema'

const ROOT = join(__dirname, '..')
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(text: string) {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/)
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') }
    })
}

interface Service {
  image?: string
  build?: string
  read_only?: boolean
  cap_drop?: string[]
  security_opt?: string[]
  ports?: string[]
  networks?: string[]
  environment?: Record<string, string>
  healthcheck?: { test: string[] }
  depends_on?: Record<string, { condition: string }>
  secrets?: string[]
}

describe('Dockerfile', () => {
  const steps = instructions(read('Dockerfile'))
  const finalStage = steps.slice(steps.findLastIndex((step) => step.keyword === 'FROM'))

  it('builds in one stage and runs the standalone output in another, as a named non-root user', () => {
    expect(steps.filter((step) => step.keyword === 'FROM')).toHaveLength(2)
    expect(steps.some((step) => step.args.includes('scripts/standalone.mjs'))).toBe(true)
    const user = finalStage.filter((step) => step.keyword === 'USER').at(-1)?.args
    expect(user).toBeDefined()
    expect(user).not.toMatch(/^(root|0)(:|$)/)
    // The code belongs to root: the server cannot rewrite itself.
    expect(finalStage.find((step) => step.keyword === 'COPY')?.args).toContain('--chown=root:root')
  })

  it('starts Node on server.mjs itself (no npm), listens on all interfaces, and checks /api/health', () => {
    expect(finalStage.find((step) => step.keyword === 'CMD')?.args).toBe('["node", "server.mjs"]')
    const env = finalStage
      .filter((step) => step.keyword === 'ENV')
      .map((step) => step.args)
      .join(' ')
    expect(env).toMatch(/BIND_HOST=0\.0\.0\.0/)
    expect(env).toMatch(/DATA_DIR=\/data/)
    expect(finalStage.find((step) => step.keyword === 'HEALTHCHECK')?.args).toContain('healthcheck.mjs')
    expect(read('scripts/healthcheck.mjs')).toContain("path: '/api/health'")
  })

  it('bakes in no secret and sends none to the build', () => {
    const secretNames = CONFIG_VARIABLES.filter((name) => /SECRET|PASSWORD|MASTER_KEY$|TOKEN|PRIVATE_KEY$/.test(name))
    expect(secretNames.length).toBeGreaterThan(5)
    for (const step of steps.filter((s) => ['ENV', 'ARG'].includes(s.keyword)))
      for (const name of secretNames) expect(step.args, `${step.keyword} ${step.args}`).not.toContain(name)
    const ignored = read('.dockerignore').split('\n')
    for (const entry of ['.env', 'gatehouse.toml', 'data', 'node_modules', '*.pem']) expect(ignored).toContain(entry)
  })
})

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml')) as {
    services: Record<string, Service>
    networks: Record<string, { internal?: boolean }>
    secrets: Record<string, { file: string }>
  }
  const services = Object.entries(compose.services)
  const gatehouse = compose.services.gatehouse

  it('publishes Gatehouse alone, and keeps the backends on an internal network only', () => {
    expect(services.filter(([, service]) => service.ports).map(([name]) => name)).toEqual(['gatehouse'])
    expect(compose.networks.backend.internal).toBe(true)
    for (const [name, service] of services.filter(([name]) => name !== 'gatehouse'))
      expect(service.networks, name).toEqual(['backend'])
    expect(gatehouse.networks).toEqual(expect.arrayContaining(['backend']))
  })

  it('hardens every service: read-only root, no capabilities by default, no new privileges', () => {
    for (const [name, service] of services) {
      expect(service.read_only, name).toBe(true)
      expect(service.cap_drop, name).toEqual(['ALL'])
      expect(service.security_opt, name).toContain('no-new-privileges:true')
    }
  })

  it('starts Gatehouse once its backends are healthy and the bucket exists', () => {
    expect(gatehouse.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
      bucket: { condition: 'service_completed_successfully' },
    })
    for (const name of ['gatehouse', 'postgres', 'redis', 'minio'])
      expect(compose.services[name].healthcheck?.test, name).toBeDefined()
  })

  it('takes the master key from a Docker secret and every other secret from .env, none written in', () => {
    const env = gatehouse.environment!
    expect(env.GATEHOUSE_MASTER_KEY_FILE).toBe('/run/secrets/gatehouse_master_key')
    expect(env.GATEHOUSE_MASTER_KEY).toBeUndefined()
    expect(gatehouse.secrets).toEqual(['gatehouse_master_key'])
    expect(compose.secrets.gatehouse_master_key.file).toBe('./secrets/master_key')
    expect(env.FILE_STORAGE).toBe('s3')
    for (const [name, value] of Object.entries(env).filter(([name]) => /SECRET|PASSWORD/.test(name)))
      expect(value, name).toMatch(/^\$\{[A-Z0-9_]+:\?[^}]*\}$/)
    expect(env.DATABASE_URL).toMatch(
      /^postgres:\/\/gatehouse:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\/gatehouse$/,
    )
    // Every variable Gatehouse is given is one it reads.
    for (const name of Object.keys(env)) expect(CONFIG_VARIABLES, name).toContain(name)
  })
})
