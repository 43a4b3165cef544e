import { AppError } from '@/lib/errors'
import { route } from '@/lib/http/route'

// Any /api/v1 path that no route answers: a problem+json 404 (and the usual limits and headers)
// for every method, never the HTML 404 page.
const notFound = route({ summary: 'no such endpoint', auth: 'none' }, async ({ request }) => {
  throw new AppError('not_found', `There is no ${request.method} ${request.nextUrl.pathname} in this API`)
})

export const GET = notFound
export const HEAD = notFound
export const POST = notFound
export const PUT = notFound
export const PATCH = notFound
export const DELETE = notFound
export const OPTIONS = notFound
