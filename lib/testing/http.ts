import { NextRequest } from 'next/server'

export type RouteHandler = (
  request: NextRequest,
  context: { params?: Promise<Record<string, string>> },
) => Promise<Response>

export interface CallOptions {
  method?: string
  body?: unknown
  raw?: string
  headers?: Record<string, string>
  params?: Record<string, string>
  token?: string
}

/** Calls a real route handler the way Next does, with JSON (or FormData, sent as multipart) in and the test client's address. */
export function callRoute(handler: RouteHandler, path: string, options: CallOptions = {}) {
  const multipart = options.body instanceof FormData
  const body = multipart
    ? (options.body as FormData)
    : (options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)))
  const headers: Record<string, string> = {
    ...(body !== undefined && !multipart ? { 'content-type': 'application/json' } : {}),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    'x-forwarded-for': '198.51.100.20',
    ...options.headers,
  }
  const request = new NextRequest(`http://localhost:3000${path}`, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    body,
    headers,
  })
  // As Next does: routes without dynamic segments get no params at all.
  return handler(request, { params: options.params ? Promise.resolve(options.params) : undefined })
}

/** A response as one object to assert on: its status and, unless 204, its JSON body. */
export async function answerOf(
  response: Response | Promise<Response>,
  // biome-ignore lint/suspicious/noExplicitAny: tests read whichever fields the answer has
): Promise<{ status: number } & Record<string, any>> {
  const res = await response
  return res.status === 204 ? { status: 204 } : { status: res.status, ...(await res.json()) }
}
