// The image's HEALTHCHECK: exits 0 when this instance's /api/health answers 200 within 3 s. It asks
// over HTTPS when the server serves TLS itself (the certificate names the public host, not
// 127.0.0.1, so it is not verified: this only asks whether the process is alive).
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'

const tls = Boolean(process.env.TLS_CERT_FILE)
const request = (tls ? httpsRequest : httpRequest)(
  {
    host: '127.0.0.1',
    port: Number(process.env.PORT ?? 3000),
    path: '/api/health',
    timeout: 3000,
    rejectUnauthorized: false,
  },
  (response) => {
    response.resume()
    process.exit(response.statusCode === 200 ? 0 : 1)
  },
)
request.on('timeout', () => request.destroy(new Error('timed out')))
request.on('error', (error) => {
  process.stderr.write(`health check failed: ${error.message}\n`)
  process.exit(1)
})
request.end()
