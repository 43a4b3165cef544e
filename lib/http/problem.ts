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

export function fieldErrorsOf(error: z.ZodError, prefix: string[] = []): FieldError[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }))
}

export function validationError(error: z.ZodError, prefix: string[] = []): AppError {
  return new AppError('validation_failed', 'The request is not valid', fieldErrorsOf(error, prefix))
}
