import { connect, type Socket } from 'node:net'
import { Duplex } from 'node:stream'

/**
 * A database host that crashed, or a network that went dark, closes nothing: a query written to
 * it waits for the kernel to give up on the connection, about 15 minutes. postgres.js has no
 * query timeout of its own, so each of its connections runs over a socket that notes when it last
 * wrote and last heard back. One that has heard nothing for `deadlineMs` since it wrote is dead:
 * it is closed (its queries fail with CONNECTION_CLOSED, and the request answers 503 `unavailable`),
 * and so is every other connection of the pool that has heard nothing since then either.
 *
 * A query that legitimately runs that long looks the same, so migrations (long DDL, the wait for
 * another instance's migration lock) run with the deadline suspended.
 */
export interface AnswerDeadline {
  /** For postgres.js's `socket` option. */
  socket(options: { host: string[]; port: number[]; path?: string }): Duplex & { close(error?: Error): void }
  /** Runs `work` with no deadline. */
  suspendedWhile<T>(work: () => Promise<T>): Promise<T>
}

class WatchedSocket extends Duplex {
  lastHeard = performance.now()
  /** When it wrote with nothing heard since; null while nothing is awaited. */
  awaitingSince: number | null = null
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly inner: Socket,
    readonly host: string | undefined,
    private readonly deadline: {
      ms: number
      suspended: () => boolean
      onSilent: (socket: WatchedSocket) => void
      onClosed: (socket: WatchedSocket) => void
    },
  ) {
    super({ allowHalfOpen: false })
    inner.setKeepAlive(true, 60_000)
    inner.on('data', (chunk: Buffer) => {
      this.lastHeard = performance.now()
      this.awaitingSince = null
      clearTimeout(this.timer)
      if (!this.push(chunk)) inner.pause()
    })
    inner.on('end', () => this.push(null))
    inner.on('error', (error) => this.close(error))
    inner.on('close', () => this.close())
  }

  private closing = false

  /**
   * Closes one turn of the event loop later, and without an 'error' nobody listens to.
   *
   * Later: postgres.js 3.4.9 batches small writes behind a setImmediate, and on 'close' it cancels
   * that immediate without forgetting it, so the connection never writes again and every reconnect
   * ends in CONNECT_TIMEOUT (seen here after a dark database came back). An immediate of ours runs
   * after any it already queued. Unheard: postgres.js takes its listeners off a socket it hands to
   * TLS, and an 'error' without a listener would end the process.
   */
  close(error?: Error) {
    if (this.closing) return
    this.closing = true
    setImmediate(() => this.destroy(error && this.listenerCount('error') > 0 ? error : undefined))
  }

  /** postgres.js reads it to decide whether to say goodbye before closing. */
  get readyState() {
    return this.inner.readyState
  }

  setKeepAlive(enable?: boolean, delay?: number) {
    this.inner.setKeepAlive(enable, delay)
    return this
  }

  override _read() {
    this.inner.resume()
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
    if (this.awaitingSince === null) {
      this.awaitingSince = performance.now()
      this.arm()
    }
    // A failed write closes the socket through its own 'error'; the stream must not error twice.
    this.inner.write(chunk, () => callback())
  }

  override _final(callback: (error?: Error | null) => void) {
    this.inner.end(callback)
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void) {
    clearTimeout(this.timer)
    this.inner.destroy()
    this.deadline.onClosed(this)
    callback(error)
  }

  private arm() {
    this.timer = setTimeout(() => this.expire(), this.deadline.ms)
    this.timer.unref()
  }

  private expire() {
    if (this.awaitingSince === null || this.destroyed) return
    if (this.deadline.suspended()) this.arm()
    else this.deadline.onSilent(this)
  }
}

/** `onSilent` hears how many connections a silent database cost. */
export function answerDeadline(deadlineMs: number, onSilent?: (closed: number) => void): AnswerDeadline {
  const sockets = new Set<WatchedSocket>()
  let suspensions = 0
  let opened = 0
  const closeSilent = (silent: WatchedSocket) => {
    const since = silent.awaitingSince ?? performance.now()
    // Whatever has heard nothing since this one wrote is behind the same dead link.
    const dead = [...sockets].filter((socket) => socket === silent || socket.lastHeard <= since)
    for (const socket of dead) socket.close()
    onSilent?.(dead.length)
  }
  return {
    socket(options) {
      const index = opened++ % Math.max(1, options.host.length)
      const inner = options.path
        ? connect(options.path)
        : connect(options.port[index] ?? options.port[0] ?? 5432, options.host[index])
      const socket = new WatchedSocket(inner, options.path ? undefined : options.host[index], {
        ms: deadlineMs,
        suspended: () => suspensions > 0,
        onSilent: closeSilent,
        onClosed: (closed) => sockets.delete(closed),
      })
      sockets.add(socket)
      return socket
    },
    async suspendedWhile(work) {
      suspensions++
      try {
        return await work()
      } finally {
        suspensions--
      }
    },
  }
}
