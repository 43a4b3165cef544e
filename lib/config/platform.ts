import type { Config } from './schema'

/** Vercel sets VERCEL=1 in every build and function. */
export function isVercel(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): boolean {
  return env.VERCEL === '1'
}

/**
 * What a platform without a persistent filesystem cannot do without: the database, the master key
 * and the file bytes must all live elsewhere, or they would vanish with the function's disk.
 */
export function missingOnVercel(config: Config): string[] {
  const missing: string[] = []
  if (!config.databaseUrl) missing.push('DATABASE_URL (PostgreSQL)')
  if (!config.masterKey.value) missing.push('GATEHOUSE_MASTER_KEY')
  if (config.fileStorage.kind !== 's3') missing.push('FILE_STORAGE=s3')
  return missing
}
