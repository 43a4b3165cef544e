import { writeFileSync } from 'node:fs'
import { CliError } from './errors.mjs'

/** Writes a file that must not exist yet (never over one), with `mode`. */
export function writeNewFile(path, text, mode) {
  try {
    writeFileSync(path, text, { flag: 'wx', mode })
  } catch (error) {
    if (error.code === 'EEXIST') throw new CliError('exists', `${path} already exists: nothing was overwritten`)
    throw new CliError('write_failed', `cannot write ${path}: ${error.code ?? error.message}`)
  }
}
