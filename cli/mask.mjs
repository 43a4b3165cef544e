import { Transform } from 'node:stream'

export const MASK = '***'
// Shorter values ("1", "true", "dev") would blot out ordinary output and protect nothing.
export const MIN_MASKED_LENGTH = 4

/**
 * What to hide for these secret values: each value, and each line of a multi-line one (a program
 * that prints a PEM key prints it line by line), longest first so that a value containing another
 * is hidden whole.
 */
export function maskedPatterns(values) {
  const patterns = new Set()
  for (const value of values) {
    for (const part of [value, ...value.split(/\r?\n/)]) {
      const trimmed = part.trim()
      if (trimmed.length >= MIN_MASKED_LENGTH) patterns.add(trimmed)
    }
  }
  return [...patterns].map((pattern) => Buffer.from(pattern, 'utf8')).sort((a, b) => b.length - a.length)
}

/** The earliest, then longest, pattern found in `buffer` from `start`. */
function nextMatch(buffer, start, patterns) {
  let best = null
  for (const pattern of patterns) {
    const at = buffer.indexOf(pattern, start)
    if (at !== -1 && (best === null || at < best.at)) best = { at, length: pattern.length }
  }
  return best
}

/** How many bytes at the end of `buffer` could be the start of a pattern the next chunk completes. */
function heldBack(buffer, patterns) {
  let longest = 0
  for (const pattern of patterns) {
    for (let length = Math.min(pattern.length - 1, buffer.length); length > longest; length--) {
      if (buffer.subarray(buffer.length - length).equals(pattern.subarray(0, length))) {
        longest = length
        break
      }
    }
  }
  return longest
}

/** `buffer` with every pattern replaced, and where the last replacement ended (raw bytes after it are unmasked). */
function replaced(buffer, patterns) {
  const parts = []
  let position = 0
  for (let match = nextMatch(buffer, 0, patterns); match; match = nextMatch(buffer, position, patterns)) {
    parts.push(buffer.subarray(position, match.at), Buffer.from(MASK))
    position = match.at + match.length
  }
  return { parts, position }
}

/**
 * A stream that replaces the patterns with MASK as bytes pass, including a value split across
 * chunks: only an ending that could begin one is held back, until the next chunk or the end.
 */
export function maskingStream(patterns) {
  let pending = Buffer.alloc(0)
  return new Transform({
    transform(chunk, _encoding, done) {
      const buffer = Buffer.concat([pending, chunk])
      const { parts, position } = replaced(buffer, patterns)
      const tail = buffer.subarray(position)
      const keep = heldBack(tail, patterns)
      pending = Buffer.from(tail.subarray(tail.length - keep))
      done(null, Buffer.concat([...parts, tail.subarray(0, tail.length - keep)]))
    },
    flush(done) {
      done(null, pending)
    },
  })
}
