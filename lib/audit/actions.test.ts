import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS } from './actions'

const ROOT = join(__dirname, '..', '..')

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => join(ROOT, dir, file))
}

describe('audit actions', () => {
  // The action filter accepts only catalogued actions: one recorded but missing could never be found.
  it('catalogues every action the code records', () => {
    const recorded = new Set<string>()
    for (const file of [...sourceFiles('lib'), ...sourceFiles('app')]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\baction: '([a-z_]+(?:\.[a-z_]+)+)'/g)) {
        recorded.add(match[1])
      }
    }
    expect(recorded.size).toBeGreaterThan(30)
    expect([...recorded].filter((action) => !(AUDIT_ACTIONS as string[]).includes(action))).toEqual([])
  })
})
