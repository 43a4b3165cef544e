import { createServer, request } from 'node:http'

export interface RoundRobin {
  url: string
  close(): Promise<void>
}

/**
 * A loopback load balancer: each request goes to the next upstream in turn, and the answer says
 * which one served it (`x-served-by`), so that a test knows it crossed instances.
 */
export async function startRoundRobin(upstreams: { name: string; port: number }[]): Promise<RoundRobin> {
  let next = 0
  const server = createServer((incoming, outgoing) => {
    const upstream = upstreams[next++ % upstreams.length]
    const forwarded = request(
      {
        host: '127.0.0.1',
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-served-by': upstream.name })
        answer.pipe(outgoing)
      },
    )
    forwarded.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'x-served-by': upstream.name })
      outgoing.end()
    })
    incoming.pipe(forwarded)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
