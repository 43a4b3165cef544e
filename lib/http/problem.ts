import type { z } from 'zod'
import { AppError, type FieldError } from '@/lib/errors'

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

export function problemBody(error: AppError) {
  return {
    type: `urn:gatehouse:error:${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
  }
}

/** One error a field; an unknown field (strict bodies) is named itself, not as its parent. */
export function fieldErrorsOf(error: z.ZodError, prefix: string[] = []): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path.map(String)]
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: `Unknown field ${key}.` }))
    return [{ path: path.join('.'), message: issue.message }]
  })
}

export function validationError(error: z.ZodError, prefix: string[] = []): AppError {
  return new AppError('validation_failed', 'The request is not valid', fieldErrorsOf(error, prefix))
}

/** An AppError as application/problem+json, with the headers it carries (Retry-After …) and WWW-Authenticate on a 401. */
export function problemResponse(error: AppError): Response {
  const headers = new Headers({ 'Content-Type': PROBLEM_CONTENT_TYPE, ...error.headers })
  if (error.status === 401)
    headers.set('WWW-Authenticate', `Bearer error="${error.code === 'token_expired' ? 'invalid_token' : error.code}"`)
  return new Response(JSON.stringify(problemBody(error)), { status: error.status, headers })
}
