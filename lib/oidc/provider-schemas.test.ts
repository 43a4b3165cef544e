import { describe, expect, it } from 'vitest'
import { createProviderFormSchema } from './provider-schemas'

const form = {
  slug: ' team ',
  name: 'Team',
  issuer: 'https://sso.example.com/realms/team',
  client_id: 'gatehouse',
  client_secret: 'secret',
}

describe('the console form for a new provider', () => {
  it('reads lists typed as text, and empty choices as none', () => {
    const parsed = createProviderFormSchema.parse({
      ...form,
      scopes: 'openid email,  groups',
      allowed_domains: 'Example.com, example.org example.com',
      default_org_id: '',
      default_role: 'admin',
    })
    expect(parsed).toMatchObject({
      slug: 'team',
      scopes: ['openid', 'email', 'groups'],
      allowed_domains: ['example.com', 'example.org'],
      default_org_id: null,
      // A role means nothing without the org it is in.
      default_role: null,
    })
    // Left out, so that the table's default applies (openid email profile).
    expect(createProviderFormSchema.parse({ ...form, scopes: '' }).scopes).toBeUndefined()
  })

  it('refuses with the API body’s own rules, on the field the user typed in', () => {
    const fields = (input: Record<string, string>) =>
      createProviderFormSchema.safeParse({ ...form, ...input }).error?.issues.map((issue) => issue.path[0])
    expect(fields({ scopes: 'email profile' })).toEqual(['scopes'])
    expect(fields({ allowed_domains: 'not a domain' })).toContain('allowed_domains')
    expect(fields({ default_org_id: crypto.randomUUID(), default_role: 'owner' })).toEqual(['default_role'])
    expect(fields({ slug: 'Bad Slug' })).toEqual(['slug'])
  })
})
