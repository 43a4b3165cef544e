import { connect, createServer, type Server, type Socket } from 'node:net'

export interface TcpProxy {
  port: number
  /** Every open connection is reset and the port closes: the backend is gone, as far as clients see. */
  cut(): Promise<void>
  /** The port opens again and forwards as before. */
  restore(): Promise<void>
  /**
   * Nothing passes any more, and nothing is closed: a database host that crashed or a network that
   * went dark. Connections stay open, bytes sent wait, new connections are taken and left unanswered.
   */
  freeze(): void
  /** Bytes pass again; what waited is delivered, as after a network partition heals. */
  thaw(): void
  close(): Promise<void>
}

/** A TCP proxy on 127.0.0.1 in front of `target`, which a test can cut like a failed network. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  type Pair = { client: Socket; upstream: Socket }
  const pairs = new Set<Pair>()
  let frozen = false
  const forward = ({ client, upstream }: Pair) => {
    client.pipe(upstream).pipe(client)
  }
  let port = 0
  let server: Server
  const listen = async () => {
    server = createServer((client) => {
      const upstream = connect(target.port, target.host)
      const pair = { client, upstream }
      pairs.add(pair)
      for (const socket of [client, upstream]) {
        sockets.add(socket)
        socket.on('close', () => {
          sockets.delete(socket)
          pairs.delete(pair)
        })
        socket.on('error', () => {})
      }
      if (!frozen) forward(pair)
      else for (const socket of [client, upstream]) socket.pause()
    })
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    port = (server.address() as { port: number }).port
  }
  const stop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    for (const socket of sockets) socket.resetAndDestroy()
    await closed
  }
  await listen()
  const freeze = () => {
    if (frozen) return
    frozen = true
    for (const { client, upstream } of pairs) {
      client.unpipe(upstream)
      upstream.unpipe(client)
      client.pause()
      upstream.pause()
    }
  }
  const thaw = () => {
    if (!frozen) return
    frozen = false
    for (const pair of pairs) forward(pair)
  }
  return { port, cut: stop, restore: listen, close: stop, freeze, thaw }
}
