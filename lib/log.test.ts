import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger, REDACTED, redactUrl } from './log'

function capture() {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString())
      done()
    },
  })
  return { logger: createLogger('info', stream), lines }
}

describe('log redaction', () => {
  it('redacts token= in URLs', () => {
    expect(redactUrl('/api/v1/files/1/stream?token=abc.def&x=1')).toBe(`/api/v1/files/1/stream?token=${REDACTED}&x=1`)
    expect(redactUrl('/x?a=1&refresh_token=r1')).toBe(`/x?a=1&refresh_token=${REDACTED}`)
  })

  it('redacts token= in every logged URL, in fields and in messages', () => {
    const { logger, lines } = capture()
    logger.info(
      {
        url: 'http://localhost:3000/api/v1/files/f1/stream?token=eyJhbGciOi.secret.sig',
        request: { path: '/x?a=1&token=nested-secret' },
      },
      'GET /api/v1/files/f1/stream?token=in-the-message',
    )
    const line = lines.join('')
    for (const secret of ['eyJhbGciOi.secret.sig', 'nested-secret', 'in-the-message'])
      expect(line).not.toContain(secret)
    expect(line.split(`token=${REDACTED}`).length - 1).toBe(3)
  })

  it('redacts passwords, tokens, cookies and authorization headers in logged objects', () => {
    const { logger, lines } = capture()
    logger.info(
      {
        password: 'hunter2',
        body: { refresh_token: 'ghr_secret' },
        headers: { authorization: 'Bearer abc', cookie: 'gatehouse.session=xyz' },
      },
      'request',
    )
    const line = lines.join('')
    for (const secret of ['hunter2', 'ghr_secret', 'Bearer abc', 'gatehouse.session=xyz'])
      expect(line).not.toContain(secret)
    expect(line.split(REDACTED).length - 1).toBe(4)
  })
})
