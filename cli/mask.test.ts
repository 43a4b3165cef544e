import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { maskedPatterns, maskingStream } from './mask.mjs'

/** What comes out of the masking stream for these chunks. */
async function through(values: string[], chunks: (string | Buffer)[]): Promise<string> {
  const output: Buffer[] = []
  const stream = Readable.from(chunks.map((chunk) => Buffer.from(chunk))).pipe(maskingStream(maskedPatterns(values)))
  for await (const chunk of stream) output.push(chunk as Buffer)
  return Buffer.concat(output).toString('utf8')
}

describe('masking secret values in output', () => {
  it('hides each value wherever it appears, and nothing else', async () => {
    expect(await through(['hunter22', 's3cr3t-token'], ['user=ada pass=hunter22 token=s3cr3t-token hunter22\n'])).toBe(
      'user=ada pass=*** token=*** ***\n',
    )
  })

  it('hides a value split across chunks, even one byte at a time', async () => {
    const value = 'correct-horse-battery'
    const text = `start ${value} end`
    expect(await through([value], [...text])).toBe('start *** end')
    expect(await through([value], ['start corr', 'ect-horse-bat', 'tery end'])).toBe('start *** end')
  })

  it('passes on at the end what only looked like the start of a value', async () => {
    expect(await through(['abcdef'], ['x abc', 'd'])).toBe('x abcd')
    expect(await through(['abcdef'], ['x abc', 'dXf'])).toBe('x abcdXf')
  })

  it('hides the longer of two values that overlap, and each line of a multi-line one', async () => {
    expect(await through(['token', 'token-for-prod'], ['use token-for-prod or token'])).toBe('use *** or ***')
    const pem = '-----BEGIN KEY-----\nMIIEvQIBADANBgkq\n-----END KEY-----'
    expect(await through([pem], ['key: MIIEvQIBADANBgkq (line 2)'])).toBe('key: *** (line 2)')
  })

  it('leaves values under four characters, and multi-byte text around values, intact', async () => {
    expect(await through(['1', 'dev', 'geheim-wört'], ['level 1 on dev: geheim-wört ✓'])).toBe('level 1 on dev: *** ✓')
    // A value split inside a multi-byte character is still found.
    const bytes = Buffer.from('x geheim-wört y')
    expect(await through(['geheim-wört'], [bytes.subarray(0, 11), bytes.subarray(11)])).toBe('x *** y')
  })
})
