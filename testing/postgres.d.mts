export const DEFAULT_TEST_DATABASE_URL: string
export function testDatabaseUrl(): string
export function postgresRequired(): boolean
export function isPostgresReachable(url?: string): boolean
export function resolvePostgres(suite: string): string | undefined
export function withDatabase(url: string, name: string): string
export const DEFAULT_TEST_REDIS_URL: string
export function resolveRedis(suite: string): string | undefined
