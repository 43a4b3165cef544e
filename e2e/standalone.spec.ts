import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { expect, test } from '@playwright/test'
import { startServer } from './support/server'
import { withThrowawayDatabase } from './support/throwaway-database'

// The standalone build, copied out of the repository as an image or a server would hold it, on
// PostgreSQL: it must behave as `npm start` does (the address from the socket, 405s, the limiter's
// driver present although the repository's node_modules is not there).
test.describe.configure({ timeout: 180_000 })

/** Links in the copy that lead out of it (into the repository it was built in). */
function linksLeaving(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isSymbolicLink())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((link) => relative(realpathSync(dir), realpathSync(link)).startsWith('..'))
}

test('an assembled standalone build serves the console and takes the client address from the socket', async ({
  page,
}) => {
  const dir = join(mkdtempSync(join(tmpdir(), 'gatehouse-standalone-')), 'gatehouse')
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'standalone.mjs'), dir])
  expect(existsSync(join(dir, 'server.js'))).toBe(false)
  expect(linksLeaving(dir)).toEqual([])
  await withThrowawayDatabase('gatehouse_standalone', async (databaseUrl) => {
    const admin = { email: 'standalone@example.com', password: 'Copied-Build-Works-42' }
    const server = await startServer({
      name: 'standalone',
      port: 3195,
      entry: join(dir, 'server.mjs'),
      env: {
        DATABASE_URL: databaseUrl,
        DATA_DIR: join(dir, 'data'),
        GATEHOUSE_ADMIN_EMAIL: admin.email,
        GATEHOUSE_ADMIN_PASSWORD: admin.password,
      },
    })
    try {
      const ready = await (await fetch(`${server.url}/api/ready`)).json()
      expect(ready.checks.rate_limit_store).toEqual({ status: 'ok', store: 'postgres' })

      const token = await fetch(`${server.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '8.8.8.8' },
        body: JSON.stringify(admin),
      }).then((response) => response.json())
      const sessions = await fetch(`${server.url}/api/v1/sessions`, {
        headers: { authorization: `Bearer ${token.access_token}` },
      }).then((response) => response.json())
      expect(sessions.items.find((session: { current: boolean }) => session.current).ip).toBe('127.0.0.1')

      expect((await fetch(`${server.url}/api/v1/me`, { method: 'PROPFIND' })).status).toBe(405)

      const failed: string[] = []
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`)
      })
      await page.goto(`${server.url}/login`)
      await page.getByLabel('E-mail').fill(admin.email)
      await page.getByLabel('Password').fill(admin.password)
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible()
      // The stylesheet from the copied .next/static applies: unstyled, a heading is bold (700), not semibold.
      await expect(page.getByRole('heading', { name: /^Welcome/ })).toHaveCSS('font-weight', '600')
      expect(failed).toEqual([])
      expect(readFileSync(server.logPath, 'utf8')).not.toContain('rate limit store')
    } finally {
      await server.stop()
    }
  })
})
