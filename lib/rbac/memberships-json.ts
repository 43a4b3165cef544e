import 'server-only'
import { sql } from 'drizzle-orm'
import { accessFrom, type OrgAccess } from './org-access'

export interface MembershipJson {
  id: string
  slug: string
  name: string
  require_mfa: boolean
  guest_access: boolean
  created_at: string
  role: string
  role_name: string | null
  permissions: string[] | null
}

/**
 * Every membership of the outer query's `users` row, with its org and role, as one JSON array: a
 * correlated subquery, so that the lookup of a credential carries them in the same round trip.
 * Written with aliases because drizzle leaves columns unqualified in single-table selects.
 */
export const membershipsJson = sql<MembershipJson[]>`coalesce((
  select json_agg(json_build_object(
    'id', o.id, 'slug', o.slug, 'name', o.name, 'require_mfa', o.require_mfa,
    'guest_access', o.guest_access, 'created_at', o.created_at,
    'role', m.role, 'role_name', r.name, 'permissions', r.permissions
  ) order by o.name, o.id)
  from memberships m
  join organizations o on o.id = m.org_id
  left join roles r on r.id = m.role and r.org_id = m.org_id
  where m.user_id = "users"."id"
), '[]'::json)`

export function membershipsFromJson(rows: MembershipJson[]): OrgAccess[] {
  return rows.map((row) =>
    accessFrom(
      {
        id: row.id,
        slug: row.slug,
        name: row.name,
        requireMfa: row.require_mfa,
        guestAccess: row.guest_access,
        createdAt: new Date(row.created_at),
      },
      row.role,
      row.role_name,
      row.permissions,
    ),
  )
}
