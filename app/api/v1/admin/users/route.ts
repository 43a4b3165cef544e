import { auditActorOf } from '@/lib/auth/principal'
import { decodeCursor, pageOf } from '@/lib/http/pagination'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { adminUserResponse, createUserBodySchema, listUsersQuerySchema } from '@/lib/users/admin-schemas'
import { findUsers } from '@/lib/users/find-users'
import { provisionUser } from '@/lib/users/provision-user'

// GET /api/v1/admin/users?q=&limit=&cursor=: users, searched by e-mail or name (instance admins)
export const GET = route(
  { summary: 'users, searched by e-mail or name', admin: true, query: listUsersQuerySchema },
  async ({ runtime, query }) => {
    const offset = decodeCursor(query.cursor)
    const rows = await findUsers(runtime.db, { search: query.q, limit: query.limit + 1, offset })
    const page = pageOf(rows, query.limit, offset)
    return json({ items: page.items.map((user) => adminUserResponse.parse(user)), next_cursor: page.next_cursor })
  },
)

// POST /api/v1/admin/users: create an account in `default` with DEFAULT_USER_ROLE (instance admins)
export const POST = route(
  { summary: 'create an account in `default` with DEFAULT_USER_ROLE', admin: true, body: createUserBodySchema },
  async ({ runtime, principal, body, meta }) => {
    const user = await provisionUser(runtime, {
      email: body.email,
      name: body.name,
      password: body.password,
      emailVerified: true,
      isAdmin: body.is_admin,
      actor: auditActorOf(principal),
      meta,
      joinDefaultOrg: true,
    })
    return json(adminUserResponse.parse(user), { status: 201 })
  },
)
