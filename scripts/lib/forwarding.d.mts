import type { IncomingMessage, ServerResponse } from 'node:http'

export function rewriteForwarding(
  headers: Record<string, string | string[] | undefined>,
  peer: string | undefined,
  hops: number,
): Record<string, string | string[] | undefined>
export const SERVED_METHODS: Set<string>
export function methodNotAllowed(request: IncomingMessage, response: ServerResponse): void
