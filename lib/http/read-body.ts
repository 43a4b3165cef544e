import { AppError } from '@/lib/errors'

/**
 * Reads a JSON body without ever holding more than `maxBytes`: Content-Length is checked first, and
 * a chunked body is counted as it streams. An empty body reads as {}.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new AppError('payload_too_large', `The request body is larger than ${maxBytes} bytes`)
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (declared > maxBytes) throw tooLarge()
  if (!request.body) return {}
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      throw tooLarge()
    }
    chunks.push(value)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return {}
  const contentType = request.headers.get('content-type') ?? ''
  if (contentType && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json')
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new AppError('validation_failed', 'The request body is not valid JSON', [
      { path: '', message: 'Malformed JSON' },
    ])
  }
}
