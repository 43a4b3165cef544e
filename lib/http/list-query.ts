import { z } from 'zod'

/** `limit` and `cursor` of every list (API.md "Lists"). */
export const listQuerySchema = z.object({
  limit: z.coerce.number().int('Use 1 to 200.').min(1, 'Use 1 to 200.').max(200, 'Use 1 to 200.').default(50),
  cursor: z.string().max(200).optional(),
})

/** The largest value an integer column holds: a larger number in a query or body is a 422, not a database error. */
export const MAX_INTEGER = 2_147_483_647
