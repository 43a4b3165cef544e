/** Stable, machine-readable error codes from API.md, with the HTTP status each one answers. */
export const ERROR_STATUS = {
  validation_failed: 422,
  invalid_credentials: 401,
  unauthenticated: 401,
  mfa_required: 401,
  invalid_mfa_code: 401,
  invalid_token: 401,
  token_expired: 401,
  token_reused: 401,
  forbidden: 403,
  scope_not_allowed: 403,
  csrf_failed: 403,
  registration_disabled: 403,
  mfa_enrollment_required: 403,
  captcha_failed: 403,
  account_disabled: 403,
  not_found: 404,
  method_not_allowed: 405,
  unsupported_media_type: 415,
  conflict: 409,
  email_taken: 409,
  last_owner: 409,
  builtin_role: 409,
  already_set_up: 409,
  payload_too_large: 413,
  range_not_satisfiable: 416,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export interface FieldError {
  path: string
  message: string
}

const TITLES: Partial<Record<ErrorCode, string>> = {
  validation_failed: 'Validation failed',
  invalid_credentials: 'Invalid credentials',
  unauthenticated: 'Authentication required',
  invalid_token: 'Invalid token',
  token_expired: 'Token expired',
  token_reused: 'Token reused',
  forbidden: 'Forbidden',
  csrf_failed: 'CSRF check failed',
  captcha_failed: 'CAPTCHA failed',
  account_disabled: 'Account disabled',
  not_found: 'Not found',
  already_set_up: 'Already set up',
  payload_too_large: 'Payload too large',
  unavailable: 'Service unavailable',
  internal: 'Internal server error',
}

/** An expected failure with a stable code; the boundary (route or action wrapper) renders it. */
export class AppError extends Error {
  override name = 'AppError'
  readonly status: number
  readonly title: string

  /** Headers the answer carries besides the problem (a 429's Retry-After). */
  headers?: Record<string, string>

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail)
    this.status = ERROR_STATUS[code]
    this.title = TITLES[code] ?? code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}
