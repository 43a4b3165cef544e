export { ConfigError, getConfig, isBuildPhase, loadConfig, parseServeFlags } from './load'
export type { Config } from './schema'
export { isLoopbackHost } from './schema'
