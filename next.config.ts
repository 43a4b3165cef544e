import type { NextConfig } from 'next'
import { STATIC_SECURITY_HEADERS } from './lib/http/security-headers'

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The standalone output (.next/standalone, assembled by scripts/standalone.mjs) is what a server or
  // an image runs; `npm start` serves the same build from the repository.
  output: 'standalone',
  // Native and WASM packages load from node_modules at run time instead of being bundled.
  // rate-limiter-flexible loads drizzle-orm by a computed name (import(['drizzle','orm'].join('-'))), which a
  // bundle cannot resolve: bundled, every PostgreSQL-backed limit failed open in production. drizzle-orm
  // is external too, or the standalone output would not carry it (and the limits would fail open there).
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@node-rs/argon2',
    '@node-rs/bcrypt',
    'drizzle-orm',
    'pino',
    'pino-pretty',
    'postgres',
    'rate-limiter-flexible',
  ],
  outputFileTracingIncludes: { '/**': ['./db/migrations/**/*'] },
  // Browsers ask for /favicon.ico whatever the page links; answer with the app icon.
  async rewrites() {
    return [{ source: '/favicon.ico', destination: '/icon.svg' }]
  },
  async headers() {
    return [
      { source: '/:path*', headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) },
      // Later rules win, and these headers override a route's own: a download link must not leak through Referer.
      { source: '/api/v1/files/:id/stream', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
    ]
  },
}

export default nextConfig
