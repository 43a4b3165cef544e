/**
 * Attack: a member reaches beyond their role, an outsider reaches into another tenant, or an
 * anonymous caller reaches into an org at all. Generated matrix: every org-scoped route × each
 * built-in role, an outsider and an anonymous caller. A role that holds the route's permission gets
 * a 2xx, one that does not gets 403, and an outsider gets 404 — the same answer as for an
 * organization that does not exist. Anonymous gets 401, except that with ALLOW_GUEST_MODE on, an
 * org that opted in to guests answers its guest reads (GETs of org:read, file:read); outsiders get
 * those same reads there and 404 for the rest.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as auditRoute from '@/app/api/v1/orgs/[org]/audit/route'
import * as fileLinkRoute from '@/app/api/v1/orgs/[org]/files/[id]/link/route'
import * as fileRoute from '@/app/api/v1/orgs/[org]/files/[id]/route'
import * as filesRoute from '@/app/api/v1/orgs/[org]/files/route'
import * as memberRoute from '@/app/api/v1/orgs/[org]/members/[user_id]/route'
import * as membersRoute from '@/app/api/v1/orgs/[org]/members/route'
import * as roleRoute from '@/app/api/v1/orgs/[org]/roles/[role_id]/route'
import * as rolesRoute from '@/app/api/v1/orgs/[org]/roles/route'
import * as orgRoute from '@/app/api/v1/orgs/[org]/route'
import * as secretRoute from '@/app/api/v1/orgs/[org]/secrets/[name]/route'
import * as secretVersionsRoute from '@/app/api/v1/orgs/[org]/secrets/[name]/versions/route'
import * as secretsExportRoute from '@/app/api/v1/orgs/[org]/secrets/export/route'
import * as secretsRoute from '@/app/api/v1/orgs/[org]/secrets/route'
import { organizations } from '@/db/schema'
import { NO_REQUEST, SYSTEM_ACTOR } from '@/lib/audit/types'
import { putSecret } from '@/lib/secrets/put-secret'
import { callRoute, type RouteHandler } from '@/lib/testing/http'
import { seedCustomRole, seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { BUILTIN_ROLE_NAMES, BUILTIN_ROLES, GUEST_PERMISSIONS, type Permission } from './permissions'

interface Fixture {
  org: { id: string; slug: string }
  targetUserId: string
  outsiderEmail: string
  roleId: string
  secretName: string
  fileId: string
}

const uploadForm = () => {
  const form = new FormData()
  form.set('file', new Blob(['matrix file']), 'matrix.txt')
  return form
}

interface MatrixRoute {
  method: string
  path: string
  permission: Permission
  handler: RouteHandler
  params(f: Fixture): Record<string, string>
  body?(f: Fixture): unknown
}

const ROUTES: MatrixRoute[] = [
  {
    method: 'GET',
    path: '/orgs/{org}',
    permission: 'org:read',
    handler: orgRoute.GET,
    params: (f) => ({ org: f.org.slug }),
  },
  {
    method: 'PATCH',
    path: '/orgs/{org}',
    permission: 'org:write',
    handler: orgRoute.PATCH,
    params: (f) => ({ org: f.org.id }),
    body: () => ({ name: 'Renamed', require_mfa: false }),
  },
  {
    method: 'DELETE',
    path: '/orgs/{org}',
    permission: 'org:admin',
    handler: orgRoute.DELETE,
    params: (f) => ({ org: f.org.slug }),
  },
  {
    method: 'GET',
    path: '/orgs/{org}/members',
    permission: 'member:read',
    handler: membersRoute.GET,
    params: (f) => ({ org: f.org.slug }),
  },
  {
    method: 'POST',
    path: '/orgs/{org}/members',
    permission: 'member:write',
    handler: membersRoute.POST,
    params: (f) => ({ org: f.org.slug }),
    body: (f) => ({ email: f.outsiderEmail, role: 'viewer' }),
  },
  {
    method: 'PATCH',
    path: '/orgs/{org}/members/{user_id}',
    permission: 'member:write',
    handler: memberRoute.PATCH,
    params: (f) => ({ org: f.org.slug, user_id: f.targetUserId }),
    body: () => ({ role: 'viewer' }),
  },
  {
    method: 'DELETE',
    path: '/orgs/{org}/members/{user_id}',
    permission: 'member:write',
    handler: memberRoute.DELETE,
    params: (f) => ({ org: f.org.slug, user_id: f.targetUserId }),
  },
  {
    method: 'GET',
    path: '/orgs/{org}/roles',
    permission: 'role:read',
    handler: rolesRoute.GET,
    params: (f) => ({ org: f.org.slug }),
  },
  {
    method: 'POST',
    path: '/orgs/{org}/roles',
    permission: 'role:write',
    handler: rolesRoute.POST,
    params: (f) => ({ org: f.org.slug }),
    body: () => ({ name: 'Auditors', permissions: ['org:read'] }),
  },
  {
    method: 'PATCH',
    path: '/orgs/{org}/roles/{role_id}',
    permission: 'role:write',
    handler: roleRoute.PATCH,
    params: (f) => ({ org: f.org.slug, role_id: f.roleId }),
    body: () => ({ name: 'Readers' }),
  },
  {
    method: 'DELETE',
    path: '/orgs/{org}/roles/{role_id}',
    permission: 'role:write',
    handler: roleRoute.DELETE,
    params: (f) => ({ org: f.org.slug, role_id: f.roleId }),
  },
  {
    method: 'GET',
    path: '/orgs/{org}/secrets',
    permission: 'secret:read',
    handler: secretsRoute.GET,
    params: (f) => ({ org: f.org.slug }),
  },
  {
    method: 'GET',
    path: '/orgs/{org}/secrets/export',
    permission: 'secret:read',
    handler: secretsExportRoute.GET,
    params: (f) => ({ org: f.org.slug }),
  },
  {
    method: 'PUT',
    path: '/orgs/{org}/secrets/{name}',
    permission: 'secret:write',
    handler: secretRoute.PUT,
    params: (f) => ({ org: f.org.slug, name: 'NEW_SECRET' }),
    body: () => ({ value: 'v' }),
  },
  {
    method: 'GET',
    path: '/orgs/{org}/secrets/{name}',
    permission: 'secret:read',
    handler: secretRoute.GET,
    params: (f) => ({ org: f.org.slug, name: f.secretName }),
  },
  {
    method: 'DELETE',
    path: '/orgs/{org}/secrets/{name}',
    permission: 'secret:delete',
    handler: secretRoute.DELETE,
    params: (f) => ({ org: f.org.slug, name: f.secretName }),
  },
  {
    method: 'GET',
    path: '/orgs/{org}/files',
    permission: 'file:read',
    handler: filesRoute.GET,
    params: (f) => ({ org: f.org.slug }),
  },
  {
    method: 'POST',
    path: '/orgs/{org}/files',
    permission: 'file:write',
    handler: filesRoute.POST,
    params: (f) => ({ org: f.org.slug }),
    body: uploadForm,
  },
  {
    method: 'DELETE',
    path: '/orgs/{org}/files/{id}',
    permission: 'file:delete',
    handler: fileRoute.DELETE,
    params: (f) => ({ org: f.org.slug, id: f.fileId }),
  },
  {
    method: 'POST',
    path: '/orgs/{org}/files/{id}/link',
    permission: 'file:read',
    handler: fileLinkRoute.POST,
    params: (f) => ({ org: f.org.slug, id: f.fileId }),
  },
  {
    method: 'GET',
    path: '/orgs/{org}/secrets/{name}/versions',
    permission: 'secret:read',
    handler: secretVersionsRoute.GET,
    params: (f) => ({ org: f.org.slug, name: f.secretName }),
  },
  {
    method: 'GET',
    path: '/orgs/{org}/audit',
    permission: 'audit:read',
    handler: auditRoute.GET,
    params: (f) => ({ org: f.org.slug }),
  },
]

const SUBJECTS = [...BUILTIN_ROLE_NAMES, 'outsider', 'anonymous'] as const
type Subject = (typeof SUBJECTS)[number]
type Expected = '2xx' | 401 | 403 | 404
const CODES = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' } as const

/** Guests read where the instance and the org both allow it, and never anything else. */
const guestReads = (route: MatrixRoute, guests: boolean) =>
  guests && route.method === 'GET' && GUEST_PERMISSIONS.includes(route.permission)

function expectedStatus(subject: Subject, route: MatrixRoute, guests: boolean): Expected {
  if (subject === 'anonymous') return guestReads(route, guests) ? '2xx' : 401
  if (subject === 'outsider') return guestReads(route, guests) ? '2xx' : 404
  return BUILTIN_ROLES[subject].includes(route.permission) ? '2xx' : 403
}

/** An org with the subject's role (none for the outsider and the anonymous caller), a custom role, a secret and a file. */
async function seedFixture(runtime: TestRuntime['runtime'], subject: Subject, guestAccess: boolean) {
  const owner = await seedUserWithToken(runtime)
  const target = await seedUserWithToken(runtime)
  const actor = await seedUserWithToken(runtime)
  const outsider = await seedUserWithToken(runtime)
  const members = [
    { userId: target.user.id, role: 'member' },
    ...(subject === 'outsider' || subject === 'anonymous' ? [] : [{ userId: actor.user.id, role: subject }]),
  ]
  const org = await seedOrg(runtime, owner.user.id, members)
  if (guestAccess) await runtime.db.update(organizations).set({ guestAccess }).where(eq(organizations.id, org.id))
  const role = await seedCustomRole(runtime, org.id, 'Readers-only', ['org:read'])
  // The outsider owns an organization of their own: membership elsewhere opens nothing here.
  await seedOrg(runtime, outsider.user.id)
  const secret = await putSecret(runtime.db, runtime.masterKey, {
    orgId: org.id,
    name: 'EXISTING_SECRET',
    value: 'hunter2',
    actor: SYSTEM_ACTOR,
    meta: NO_REQUEST,
  })
  const uploaded = await callRoute(filesRoute.POST, '/f', {
    token: owner.token,
    params: { org: org.slug },
    body: uploadForm(),
  })
  const fixture: Fixture = {
    org,
    targetUserId: target.user.id,
    outsiderEmail: outsider.user.email,
    roleId: role.id,
    secretName: secret.name,
    fileId: (await uploaded.json()).id,
  }
  return { fixture, token: subject === 'anonymous' ? undefined : actor.token }
}

async function expectAnswer(response: Response, expected: Expected) {
  if (expected === '2xx') {
    expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(200)
    expect(response.status).toBeLessThan(300)
  } else {
    expect(response.status, await response.clone().text()).toBe(expected)
    expect((await response.json()).code).toBe(CODES[expected])
  }
}

/** Each route × subject, with or without guest access for the org, on the runtime `t()` gives. */
function matrix(t: () => TestRuntime, cases: { subjects: readonly Subject[]; guestAccess: boolean; guests: boolean }) {
  for (const route of ROUTES) {
    for (const subject of cases.subjects) {
      const expected = expectedStatus(subject, route, cases.guests)
      const org = cases.guestAccess ? ' of a guest-access org' : ''
      it(`${route.method} ${route.path}${org} as ${subject} → ${expected}`, async () => {
        const { fixture, token } = await seedFixture(t().runtime, subject, cases.guestAccess)
        const response = await callRoute(route.handler, route.path, {
          method: route.method,
          token,
          params: route.params(fixture),
          body: route.body?.(fixture),
        })
        await expectAnswer(response, expected)
      })
    }
  }
}

describe('org-scoped access matrix', () => {
  let t: TestRuntime
  beforeAll(async () => {
    t = await createTestRuntime()
  })
  afterAll(() => t.cleanup())

  it('covers every org-scoped route handler in the app', () => {
    const root = join(process.cwd(), 'app/api/v1/orgs/[org]')
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir).flatMap((entry) =>
        statSync(join(dir, entry)).isDirectory()
          ? walk(join(dir, entry))
          : entry === 'route.ts'
            ? [join(dir, entry)]
            : [],
      )
    })(root)
    const inApp = files.flatMap((file) => {
      const path = `/orgs/${relative(join(process.cwd(), 'app/api/v1/orgs'), file)
        .replace(/\/route\.ts$/, '')
        .replace(/\[([^\]]+)\]/g, '{$1}')}`.replace(/\/$/, '')
      return [...readFileSync(file, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
        (match) => `${match[1]} ${path}`,
      )
    })
    expect(ROUTES.map((route) => `${route.method} ${route.path}`).sort()).toEqual(inApp.sort())
  })

  matrix(() => t, { subjects: SUBJECTS, guestAccess: false, guests: false })
  // ALLOW_GUEST_MODE is off: the org's own switch grants nothing.
  matrix(() => t, { subjects: ['outsider', 'anonymous'], guestAccess: true, guests: false })

  it('answers a missing organization exactly like a foreign one', async () => {
    const { token } = await seedUserWithToken(t.runtime)
    const foreignOwner = await seedUserWithToken(t.runtime)
    const foreign = await seedOrg(t.runtime, foreignOwner.user.id)
    const missing = await callRoute(orgRoute.GET, '/orgs/nope', { token, params: { org: 'no-such-org' } })
    const other = await callRoute(orgRoute.GET, '/orgs/x', { token, params: { org: foreign.id } })
    expect(missing.status).toBe(404)
    expect(other.status).toBe(404)
    expect(await other.json()).toEqual(await missing.json())
  })
})

describe('org-scoped access matrix with ALLOW_GUEST_MODE on', () => {
  let t: TestRuntime
  beforeAll(async () => {
    t = await createTestRuntime({ ALLOW_GUEST_MODE: 'true' })
  })
  afterAll(() => t.cleanup())

  matrix(() => t, { subjects: ['outsider', 'anonymous'], guestAccess: true, guests: true })
  // The instance allows guests, but this org did not opt in.
  matrix(() => t, { subjects: ['outsider', 'anonymous'], guestAccess: false, guests: false })
  // Members keep their own role in a guest-access org.
  matrix(() => t, { subjects: BUILTIN_ROLE_NAMES, guestAccess: true, guests: true })
})
