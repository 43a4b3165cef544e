import type { Transform } from 'node:stream'

export const MASK: string
export const MIN_MASKED_LENGTH: number
export function maskedPatterns(values: string[]): Buffer[]
export function maskingStream(patterns: Buffer[]): Transform
