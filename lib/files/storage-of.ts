import 'server-only'
import { join } from 'node:path'
import type { Runtime } from '@/lib/runtime'
import { type FileStorage, localFileStorage } from './storage'

/** The runtime's file storage: DATA_DIR/files. */
export function fileStorageOf(runtime: Pick<Runtime, 'config'>): FileStorage {
  return localFileStorage(join(/* turbopackIgnore: true */ runtime.config.dataDir, 'files'))
}
