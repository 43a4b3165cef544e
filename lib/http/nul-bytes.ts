import { AppError, type FieldError } from '@/lib/errors'

const MAX_DEPTH = 32

function nulPaths(value: unknown, path: string[], found: FieldError[], depth = 0) {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push({ path: path.join('.'), message: 'Remove the NUL character (\\u0000).' })
  } else if (value !== null && typeof value === 'object' && depth < MAX_DEPTH) {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes('\u0000')) found.push({ path: [...path, key].join('.'), message: 'Remove the NUL character.' })
      nulPaths(inner, [...path, key], found, depth + 1)
    }
  }
}

/**
 * PostgreSQL cannot store NUL in text, so a string holding one is refused before it reaches a
 * query: a 422 naming the field, never the database's error.
 */
export function assertNoNul(input: unknown, location?: string): void {
  const found: FieldError[] = []
  nulPaths(input, location ? [location] : [], found)
  if (found.length > 0) throw new AppError('validation_failed', 'The request holds a NUL character', found)
}
