import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [path] : []
  })
}

/** Files of `dir` with a runtime import matching `forbidden` (a type-only import brings in no code). */
const importers = (dir: string, forbidden: RegExp) =>
  sources(join(ROOT, dir))
    .filter((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .some((line) => line.startsWith('import ') && !line.startsWith('import type ') && forbidden.test(line)),
    )
    .map((file) => relative(ROOT, file))

/** Imports go one way (STYLE.md): app → lib/<domain> → lib/{auth,rbac,audit,crypto} → db. */
describe('layering', () => {
  it('keeps lib/ free of imports from app/', () => {
    expect(importers('lib', /from '@\/app\//)).toEqual([])
  })

  it('keeps components/ away from the database', () => {
    expect(importers('components', /from '@\/db\/|\/queries'/)).toEqual([])
  })
})
