import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { answerDeadline } from './answer-deadline'

// The socket postgres.js gets, against a plain TCP server: what it must do however the link ends.
describe('a socket with an answer deadline', () => {
  let server: Server
  let port: number
  const accepted: Socket[] = []

  beforeEach(async () => {
    server = createServer((socket) => {
      accepted.push(socket)
      socket.on('error', () => {})
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as { port: number }).port
  })
  afterEach(async () => {
    for (const socket of accepted.splice(0)) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  })

  const open = () => {
    const socket = answerDeadline(60_000).socket({ host: ['127.0.0.1'], port: [port] })
    return new Promise<typeof socket>((resolve) => {
      socket.write('hello', () => resolve(socket))
    })
  }
  const closeEvent = (socket: NodeJS.EventEmitter) => new Promise<void>((resolve) => socket.once('close', resolve))

  // postgres.js 3.4.9 cancels such a write on 'close' and then never writes on that connection again.
  it('closes only after a write queued for the same turn of the event loop has gone', async () => {
    const socket = await open()
    let queuedWriteRanFirst: boolean | undefined
    let queuedWriteRan = false
    socket.once('close', () => {
      queuedWriteRanFirst = queuedWriteRan
    })
    const closed = closeEvent(socket)
    setImmediate(() => {
      queuedWriteRan = true
    })
    socket.close()
    await closed
    expect(queuedWriteRanFirst).toBe(true)
  })

  it('passes an error on to a listener, and closes quietly without one', async () => {
    const heard = await open()
    const errors: Error[] = []
    heard.on('error', (error) => errors.push(error))
    const heardClosed = closeEvent(heard)
    accepted[0].resetAndDestroy()
    await heardClosed
    expect(errors.map((error) => (error as NodeJS.ErrnoException).code)).toEqual(['ECONNRESET'])

    const unheard = await open()
    const unheardClosed = closeEvent(unheard)
    accepted[1].resetAndDestroy()
    await unheardClosed
  })

  it('delivers what the server sends, and ends when the server ends', async () => {
    const socket = await open()
    const received: string[] = []
    socket.on('data', (chunk: Buffer) => received.push(chunk.toString()))
    const closed = closeEvent(socket)
    accepted[0].end('goodbye')
    await closed
    expect(received.join('')).toBe('goodbye')
  })
})
