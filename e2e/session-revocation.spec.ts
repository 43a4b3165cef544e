import postgres from 'postgres'
import { expect, test } from './fixtures'
import { serverInfo } from './support/servers'

test('a session deleted in the database signs the browser out on its next request', async ({
  page,
  loginPage,
  consolePage,
}) => {
  const { databaseUrl, admin } = serverInfo('postgres')
  const sql = postgres(databaseUrl!, { max: 1, onnotice: () => {} })
  try {
    await loginPage.open()
    await loginPage.signIn(admin!.email, admin!.password)
    await expect(consolePage.welcome()).toBeVisible()
    const [{ count }] = await sql<
      { count: number }[]
    >`select count(*)::int as count from sessions s join users u on u.id = s.user_id where u.email = ${admin!.email}`
    expect(count).toBe(1)
    expect((await page.request.get('/api/v1/me')).status()).toBe(200)

    await sql`delete from sessions where user_id = (select id from users where email = ${admin!.email})`

    expect((await page.request.get('/api/v1/me')).status()).toBe(401)
    await page.reload()
    await expect(page).toHaveURL(/\/login\?reason=session_ended$/)
    await expect(page.getByText('Your session has ended. Sign in again to continue.')).toBeVisible()
  } finally {
    await sql.end()
  }
})
