/**
 * Opaque list cursors (API.md "Lists"): the client passes back next_cursor unchanged. Inside it is
 * the offset of the next page; a cursor it cannot read is a 422, not a 500.
 */
import { AppError } from '@/lib/errors'

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  const offset = match ? Number(match[1]) : NaN
  if (!Number.isSafeInteger(offset))
    throw new AppError('validation_failed', 'The cursor is not valid', [
      { path: 'query.cursor', message: 'Pass next_cursor back unchanged.' },
    ])
  return offset
}

/** Pages a list fetched with limit + 1 rows: the extra row only says whether another page exists. */
export function pageOf<T>(rows: T[], limit: number, offset: number): { items: T[]; next_cursor: string | null } {
  const hasMore = rows.length > limit
  return {
    items: rows.slice(0, limit),
    next_cursor: hasMore ? Buffer.from(`o:${offset + limit}`).toString('base64url') : null,
  }
}

/** Pages a list that is already complete in memory (an organization's roles or members). */
export function pageOfAll<T>(all: T[], limit: number, cursor: string | undefined) {
  const offset = decodeCursor(cursor)
  return pageOf(all.slice(offset, offset + limit + 1), limit, offset)
}

/**
 * A keyset cursor: the position (an audit row's seq) after which the next page starts. Unlike an
 * offset it stays on the same rows while new ones arrive at the head of the list.
 */
export function encodeKeysetCursor(position: number): string {
  return Buffer.from(`k:${position}`).toString('base64url')
}

export function decodeKeysetCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined
  const match = /^k:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!match)
    throw new AppError('validation_failed', 'The cursor is not valid', [
      { path: 'query.cursor', message: 'Pass next_cursor back unchanged.' },
    ])
  return Number(match[1])
}
