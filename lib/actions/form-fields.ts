import { z } from 'zod'

/** A checkbox or switch in a posted form: checked sends "on", unchecked sends nothing, which means off. */
export const checkboxField = () =>
  z
    .literal('on')
    .optional()
    .transform((value) => value === 'on')
