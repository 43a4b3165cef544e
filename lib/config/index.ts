export { ConfigError, getConfig, isBuildPhase, loadConfig } from './load'
export type { Config } from './schema'
export { isLoopbackHost } from './schema'
