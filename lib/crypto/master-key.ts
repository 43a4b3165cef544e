import 'server-only'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '@/lib/config'
import { DecryptError, keyIdOf, open, type Sealed, seal } from './aead'

export interface MasterKey {
  key: Buffer
  keyId: string
  /** data_dir: generated earlier into DATA_DIR and read back, so it still lies next to the data. */
  source: 'env' | 'file' | 'data_dir' | 'generated'
  path?: string
  /** GATEHOUSE_MASTER_KEY_PREVIOUS during a rotation: still opens what it sealed, seals nothing new. */
  previous?: { key: Buffer; keyId: string }
}

export class MasterKeyError extends Error {
  override name = 'MasterKeyError'
}

function decode(base64: string, origin: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64')
  if (key.length !== 32) throw new MasterKeyError(`${origin} must hold 32 random bytes, base64-encoded`)
  return key
}

/**
 * GATEHOUSE_MASTER_KEY > GATEHOUSE_MASTER_KEY_FILE > DATA_DIR/master.key, generated with mode 0600
 * on first start. Never derived from a path or URL (SPEC §4).
 */
export function resolveMasterKey(
  config: { dataDir: string; masterKey: Partial<Pick<Config['masterKey'], 'value' | 'file' | 'previous'>> },
  warn: (message: string) => void,
): MasterKey {
  const current = resolveCurrentKey(config, warn)
  if (!config.masterKey.previous) return current
  const previous = decode(config.masterKey.previous, 'GATEHOUSE_MASTER_KEY_PREVIOUS')
  if (previous.equals(current.key))
    throw new MasterKeyError('GATEHOUSE_MASTER_KEY_PREVIOUS is the same key as the current master key')
  return { ...current, previous: { key: previous, keyId: keyIdOf(previous) } }
}

function resolveCurrentKey(
  config: { dataDir: string; masterKey: Partial<Pick<Config['masterKey'], 'value' | 'file'>> },
  warn: (message: string) => void,
): MasterKey {
  if (config.masterKey.value) {
    const key = decode(config.masterKey.value, 'GATEHOUSE_MASTER_KEY')
    return { key, keyId: keyIdOf(key), source: 'env' }
  }
  if (config.masterKey.file) {
    if (!existsSync(/* turbopackIgnore: true */ config.masterKey.file))
      throw new MasterKeyError(`GATEHOUSE_MASTER_KEY_FILE ${config.masterKey.file} does not exist`)
    const key = decode(
      readFileSync(/* turbopackIgnore: true */ config.masterKey.file, 'utf8'),
      'GATEHOUSE_MASTER_KEY_FILE',
    )
    return { key, keyId: keyIdOf(key), source: 'file', path: config.masterKey.file }
  }
  const path = join(/* turbopackIgnore: true */ config.dataDir, 'master.key')
  if (existsSync(path)) {
    const key = decode(readFileSync(path, 'utf8'), path)
    if ((statSync(path).mode & 0o077) !== 0) {
      chmodSync(path, 0o600)
      warn(`${path} was readable by other users; its mode is now 0600`)
    }
    return { key, keyId: keyIdOf(key), source: 'data_dir', path }
  }
  mkdirSync(config.dataDir, { recursive: true })
  const key = randomBytes(32)
  // 'wx' never overwrites a key another process wrote first.
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  warn(
    `Generated a master key in ${path} (mode 0600). Back it up: without it nothing encrypted can be read. ` +
      'In production set GATEHOUSE_MASTER_KEY or GATEHOUSE_MASTER_KEY_FILE instead.',
  )
  return { key, keyId: keyIdOf(key), source: 'generated', path }
}

/** Seals with the current master key; the sealed value records its key id. */
export function sealWithMasterKey(masterKey: MasterKey, plaintext: Buffer | string, aad: string): Sealed {
  return seal(masterKey.key, plaintext, aad)
}

/**
 * Opens a value sealed with the current master key or, during a rotation, the previous one: the
 * recorded key id picks which. Throws DecryptError for any other key or a tampered value.
 */
export function openWithMasterKey(masterKey: MasterKey, sealed: Sealed, aad: string): Buffer {
  if (sealed.keyId === masterKey.keyId) return open(masterKey.key, sealed, aad)
  if (masterKey.previous && sealed.keyId === masterKey.previous.keyId) return open(masterKey.previous.key, sealed, aad)
  throw new DecryptError(
    `sealed with master key ${sealed.keyId}, which is neither GATEHOUSE_MASTER_KEY (${masterKey.keyId}) nor GATEHOUSE_MASTER_KEY_PREVIOUS`,
  )
}
