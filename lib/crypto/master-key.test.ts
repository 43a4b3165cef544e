import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { keyIdOf } from './aead'
import { MasterKeyError, resolveMasterKey } from './master-key'

const tempDir = () => mkdtempSync(join(tmpdir(), 'gatehouse-mk-'))
const noWarning = (message: string) => {
  throw new Error(`unexpected warning: ${message}`)
}

describe('master key resolution', () => {
  it('takes GATEHOUSE_MASTER_KEY first and writes nothing', () => {
    const value = randomBytes(32)
    const dataDir = tempDir()
    const key = resolveMasterKey({ dataDir, masterKey: { value: value.toString('base64') } }, noWarning)
    expect(key).toMatchObject({ source: 'env', keyId: keyIdOf(value) })
    expect(key.key.equals(value)).toBe(true)
    expect(() => statSync(join(dataDir, 'master.key'))).toThrow()
  })

  it('reads GATEHOUSE_MASTER_KEY_FILE', () => {
    const value = randomBytes(32)
    const file = join(tempDir(), 'key')
    writeFileSync(file, `${value.toString('base64')}\n`)
    const key = resolveMasterKey({ dataDir: tempDir(), masterKey: { file } }, noWarning)
    expect(key.source).toBe('file')
    expect(key.key.equals(value)).toBe(true)
  })

  it('refuses a key file that is missing or holds the wrong number of bytes', () => {
    expect(() => resolveMasterKey({ dataDir: tempDir(), masterKey: { file: '/nonexistent/key' } }, noWarning)).toThrow(
      MasterKeyError,
    )
    const file = join(tempDir(), 'key')
    writeFileSync(file, randomBytes(16).toString('base64'))
    expect(() => resolveMasterKey({ dataDir: tempDir(), masterKey: { file } }, noWarning)).toThrow(
      'must hold 32 random bytes',
    )
  })

  it('generates DATA_DIR/master.key with mode 0600 and a warning, then reuses it', () => {
    const dataDir = tempDir()
    const warnings: string[] = []
    const first = resolveMasterKey({ dataDir, masterKey: {} }, (message) => warnings.push(message))
    expect(first.source).toBe('generated')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('Generated a master key')
    const path = join(dataDir, 'master.key')
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64').equals(first.key)).toBe(true)

    const second = resolveMasterKey({ dataDir, masterKey: {} }, noWarning)
    expect(second.source).toBe('data_dir')
    expect(second.key.equals(first.key)).toBe(true)
  })

  it('tightens a generated key file that others can read', () => {
    const dataDir = tempDir()
    resolveMasterKey({ dataDir, masterKey: {} }, () => {})
    chmodSync(join(dataDir, 'master.key'), 0o644)
    const warnings: string[] = []
    resolveMasterKey({ dataDir, masterKey: {} }, (message) => warnings.push(message))
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600)
    expect(warnings[0]).toContain('mode is now 0600')
  })
})
