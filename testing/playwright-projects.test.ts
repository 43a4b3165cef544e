import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import config from '../playwright.config'

/** A spec that no Playwright project matches is never run: it must fail loudly instead. */
describe('Playwright projects', () => {
  it('run every e2e spec exactly once', () => {
    const specs = readdirSync(join(__dirname, '..', 'e2e')).filter((file) => file.endsWith('.spec.ts'))
    const matched = (config.projects ?? []).flatMap((project) => [project.testMatch ?? []].flat())
    // The PostgreSQL project exists only when a server is reachable; its specs are listed here too.
    const postgresOnly = ['session-revocation.spec.ts'].filter((spec) => specs.includes(spec))
    for (const spec of specs) {
      const owners = matched.filter((pattern) => pattern === spec)
      if (postgresOnly.includes(spec) && owners.length === 0) continue
      expect(owners, `${spec} is run by ${owners.length} projects`).toHaveLength(1)
    }
    expect(matched.every((pattern) => typeof pattern === 'string' && specs.includes(pattern))).toBe(true)
  })
})
