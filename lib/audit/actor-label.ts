import type { AuditActor } from './types'

/** How a record names who changed it: an e-mail address, "… (API key)", "internal" or "system". */
export function actorLabel(actor: AuditActor): string {
  switch (actor.type) {
    case 'user':
      return actor.email ?? actor.id ?? 'unknown user'
    case 'api_key':
      return `${actor.email ?? 'unknown user'} (API key)`
    default:
      return actor.type
  }
}
