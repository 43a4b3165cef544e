// Boots Gatehouse once when the server starts: an invalid configuration or a wrong master key
// stops the process here with one line, before any request is served.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { isBuildPhase } = await import('./lib/config')
  if (isBuildPhase()) return
  const { bootOrExit } = await import('./lib/runtime/boot-or-exit')
  await bootOrExit()
}
