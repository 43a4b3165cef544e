/**
 * The secrets store: versioned values sealed with the org's data key and bound to org, name and
 * version; every value read and export audited; clear 422s for every bad input; tampered and
 * swapped ciphertexts refused; dotenv exports that parsers read back exactly.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseWithDotenv } from 'dotenv'
import { and, eq, sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as apiKeysRoute from '@/app/api/v1/api-keys/route'
import * as secretRoute from '@/app/api/v1/orgs/[org]/secrets/[name]/route'
import * as versionsRoute from '@/app/api/v1/orgs/[org]/secrets/[name]/versions/route'
import * as exportRoute from '@/app/api/v1/orgs/[org]/secrets/export/route'
import * as secretsRoute from '@/app/api/v1/orgs/[org]/secrets/route'
import { auditLog, secrets, secretVersions } from '@/db/schema'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { parseDotenv } from './dotenv'
import { importSecrets, planImport } from './import-secrets'

const INTERNAL_TOKEN = 'internal-token-for-tests-0123456789abcdef'

const TRICKY: Record<string, string> = {
  PLAIN: 'postgres://app:s3cret@db.internal:5432/app',
  QUOTES: 'say "hello" and \'bye\'',
  BACKSLASHES: 'C:\\Users\\ops\\key.pem ends with \\',
  NEWLINES: '-----BEGIN KEY-----\nMIIB\nAAAA\n-----END KEY-----\n',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${HOME} is what the export must escape
  DOLLARS: 'pa$$word ${HOME} $(whoami) `id`',
  ESCAPE_LOOKALIKES: 'literal \\n and \\" and \\$ stay as typed',
  CRLF: 'line one\r\nline two',
  HASH_AND_SPACES: '  # not a comment  ',
  UNICODE: 'clé 🔑 ключ',
  EMPTY: '',
}

describe('secrets', () => {
  let t: TestRuntime
  let owner: Awaited<ReturnType<typeof seedUserWithToken>>
  let org: { id: string; slug: string }
  beforeEach(async () => {
    t = await createTestRuntime({ GATEHOUSE_INTERNAL_TOKEN: INTERNAL_TOKEN })
    owner = await seedUserWithToken(t.runtime)
    org = await seedOrg(t.runtime, owner.user.id)
  })
  afterEach(() => t.cleanup())

  const put = (name: string, body: unknown, token = owner.token, orgRef = org.slug) =>
    answerOf(callRoute(secretRoute.PUT, `/s/${name}`, { method: 'PUT', token, params: { org: orgRef, name }, body }))
  const get = (name: string, query = '', token = owner.token, orgRef = org.slug) =>
    answerOf(callRoute(secretRoute.GET, `/s/${name}${query}`, { token, params: { org: orgRef, name } }))
  const exportAs = async (format: string, token = owner.token) => {
    const response = await callRoute(exportRoute.GET, `/s/export?format=${format}`, {
      token,
      params: { org: org.slug },
    })
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() }
  }
  const audits = (action: string) =>
    t.runtime.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.seq)

  it('keeps every version, answers the newest or ?version=N, and lists names without values', async () => {
    expect(await put('DATABASE_URL', { value: 'postgres://one' })).toEqual({
      status: 201,
      name: 'DATABASE_URL',
      version: 1,
    })
    expect(await put('DATABASE_URL', { value: 'postgres://two', note: 'rotated' })).toEqual({
      status: 200,
      name: 'DATABASE_URL',
      version: 2,
    })
    expect(await get('DATABASE_URL')).toMatchObject({
      status: 200,
      name: 'DATABASE_URL',
      value: 'postgres://two',
      version: 2,
      updated_at: expect.any(String),
    })
    expect(await get('DATABASE_URL', '?version=1')).toMatchObject({ status: 200, value: 'postgres://one', version: 1 })
    const versions = await answerOf(
      callRoute(versionsRoute.GET, '/v', { token: owner.token, params: { org: org.slug, name: 'DATABASE_URL' } }),
    )
    expect(versions).toMatchObject({
      status: 200,
      next_cursor: null,
      items: [
        { version: 2, note: 'rotated', created_by: owner.user.email },
        { version: 1, note: null },
      ],
    })
    const list = await callRoute(secretsRoute.GET, '/s', { token: owner.token, params: { org: org.slug } })
    const text = await list.text()
    expect(JSON.parse(text)).toEqual({
      items: [
        {
          name: 'DATABASE_URL',
          version: 2,
          created_at: expect.any(String),
          updated_at: expect.any(String),
          updated_by: owner.user.email,
        },
      ],
      next_cursor: null,
    })
    expect(text).not.toContain('postgres://')
  })

  it('pages the list with limit and cursor', async () => {
    for (const name of ['A_ONE', 'B_TWO', 'C_THREE']) await put(name, { value: name })
    const first = await answerOf(
      callRoute(secretsRoute.GET, '/s?limit=2', { token: owner.token, params: { org: org.slug } }),
    )
    expect(first.items.map((item: { name: string }) => item.name)).toEqual(['A_ONE', 'B_TWO'])
    const second = await answerOf(
      callRoute(secretsRoute.GET, `/s?limit=2&cursor=${first.next_cursor}`, {
        token: owner.token,
        params: { org: org.slug },
      }),
    )
    expect(second).toMatchObject({ items: [{ name: 'C_THREE' }], next_cursor: null })
  })

  it('refuses bad names, values, notes, versions and formats with clear 422s', async () => {
    expect(await put('lower_case', { value: 'x' })).toMatchObject({
      status: 422,
      code: 'validation_failed',
      errors: [{ path: 'params.name', message: expect.stringContaining('capital letters') }],
    })
    expect(await put('1STARTS_WITH_DIGIT', { value: 'x' })).toMatchObject({
      status: 422,
      errors: [{ path: 'params.name' }],
    })
    expect(await put(`A${'B'.repeat(128)}`, { value: 'x' })).toMatchObject({
      status: 422,
      errors: [{ path: 'params.name' }],
    })
    expect(await put('TOO_BIG', { value: 'é'.repeat(32 * 1024 + 1) })).toMatchObject({
      status: 422,
      errors: [{ path: 'value', message: 'The value is over 64 KiB.' }],
    })
    expect(await put('JUST_FITS', { value: 'x'.repeat(64 * 1024) })).toMatchObject({ status: 201 })
    expect(await put('NO_VALUE', {})).toMatchObject({ status: 422, errors: [{ path: 'value' }] })
    expect(await put('NOT_A_STRING', { value: 42 })).toMatchObject({ status: 422, errors: [{ path: 'value' }] })
    expect(await put('LONG_NOTE', { value: 'x', note: 'n'.repeat(501) })).toMatchObject({
      status: 422,
      errors: [{ path: 'note' }],
    })
    await put('KNOWN', { value: 'x' })
    expect(await get('KNOWN', '?version=0')).toMatchObject({ status: 422, errors: [{ path: 'query.version' }] })
    expect(await get('KNOWN', '?version=two')).toMatchObject({ status: 422, errors: [{ path: 'query.version' }] })
    // Larger than an integer column holds: refused, not passed to the database (it answered 500).
    expect(await get('KNOWN', '?version=99999999999')).toMatchObject({
      status: 422,
      errors: [{ path: 'query.version' }],
    })
    expect(await get('KNOWN', '?version=2147483647')).toMatchObject({ status: 404, code: 'not_found' })
    expect(await get('KNOWN', '?version=9')).toMatchObject({
      status: 404,
      detail: 'KNOWN has no version 9 (the newest is 1)',
    })
    expect(await get('UNKNOWN')).toMatchObject({ status: 404, code: 'not_found' })
    expect((await exportAs('xml')).status).toBe(422)
    expect(await t.runtime.db.select().from(secrets).where(eq(secrets.orgId, org.id))).toHaveLength(2)
  })

  it('deletes a secret with its versions; the name starts again at version 1', async () => {
    await put('TEMP', { value: 'one' })
    await put('TEMP', { value: 'two' })
    expect(
      await answerOf(
        callRoute(secretRoute.DELETE, '/s/TEMP', {
          method: 'DELETE',
          token: owner.token,
          params: { org: org.slug, name: 'TEMP' },
        }),
      ),
    ).toEqual({ status: 204 })
    expect(await get('TEMP')).toMatchObject({ status: 404 })
    expect(
      await answerOf(
        callRoute(secretRoute.DELETE, '/s/TEMP', {
          method: 'DELETE',
          token: owner.token,
          params: { org: org.slug, name: 'TEMP' },
        }),
      ),
    ).toMatchObject({ status: 404 })
    expect(await t.runtime.db.select().from(secretVersions)).toHaveLength(0)
    expect(await put('TEMP', { value: 'three' })).toMatchObject({ status: 201, version: 1 })
    expect((await audits('secret.delete'))[0]).toMatchObject({
      actorId: owner.user.id,
      orgId: org.id,
      targetId: 'TEMP',
      meta: { versions: 2 },
    })
  })

  it('audits every write, value read and export with the actor and address', async () => {
    await put('AUDITED', { value: 'v1' })
    await get('AUDITED')
    await get('AUDITED', '?version=1')
    await exportAs('json')
    expect(await audits('secret.write')).toMatchObject([
      { actorId: owner.user.id, orgId: org.id, targetId: 'AUDITED', meta: { version: 1 } },
    ])
    expect(await audits('secret.read')).toMatchObject([
      { actorType: 'user', actorId: owner.user.id, targetId: 'AUDITED', ip: '198.51.100.20', meta: { version: 1 } },
      { actorType: 'user', targetId: 'AUDITED', meta: { version: 1 } },
    ])
    expect(await audits('secret.export')).toMatchObject([
      { actorId: owner.user.id, orgId: org.id, meta: { format: 'json', count: 1 } },
    ])
    // Listing names and versions reveals no value: not a read.
    await callRoute(secretsRoute.GET, '/s', { token: owner.token, params: { org: org.slug } })
    expect(await audits('secret.read')).toHaveLength(2)
  })

  it('gives each of many concurrent writers its own version', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => put('RACED', { value: `value-${i}` })))
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    for (const result of results)
      expect(await get('RACED', `?version=${result.version}`)).toMatchObject({ status: 200 })
  })

  it('refuses a tampered ciphertext and values swapped between rows, versions or orgs', async () => {
    const otherOrg = await seedOrg(t.runtime, owner.user.id)
    await put('FIRST', { value: 'first-value' })
    await put('SECOND', { value: 'second-value' })
    await put('SECOND', { value: 'second-value-v2' })
    await put('FIRST', { value: 'elsewhere' }, owner.token, otherOrg.slug)
    const versionOf = async (orgId: string, name: string, version: number) => {
      const [row] = await t.runtime.db
        .select({
          secretId: secretVersions.secretId,
          nonce: secretVersions.nonce,
          ciphertext: secretVersions.ciphertext,
        })
        .from(secretVersions)
        .innerJoin(secrets, eq(secrets.id, secretVersions.secretId))
        .where(and(eq(secrets.orgId, orgId), eq(secrets.name, name), eq(secretVersions.version, version)))
      return row
    }
    const overwrite = (target: { secretId: string }, version: number, from: { nonce: string; ciphertext: string }) =>
      t.runtime.db
        .update(secretVersions)
        .set({ nonce: from.nonce, ciphertext: from.ciphertext })
        .where(and(eq(secretVersions.secretId, target.secretId), eq(secretVersions.version, version)))
    const refused = { status: 500, code: 'internal', detail: expect.stringContaining('failed its integrity check') }

    const second1 = await versionOf(org.id, 'SECOND', 1)
    const second2 = await versionOf(org.id, 'SECOND', 2)
    await overwrite(second2, 2, second1)
    expect(await get('SECOND')).toMatchObject(refused)

    const first = await versionOf(org.id, 'FIRST', 1)
    await overwrite(second1, 1, first)
    expect(await get('SECOND', '?version=1')).toMatchObject(refused)

    const elsewhere = await versionOf(otherOrg.id, 'FIRST', 1)
    await overwrite(first, 1, elsewhere)
    expect(await get('FIRST')).toMatchObject(refused)
    expect((await exportAs('dotenv')).status).toBe(500)

    const fresh = await versionOf(otherOrg.id, 'FIRST', 1)
    const bytes = Buffer.from(fresh.ciphertext, 'base64')
    bytes[0] ^= 0x01
    await overwrite(fresh, 1, { nonce: fresh.nonce, ciphertext: bytes.toString('base64') })
    expect(await get('FIRST', '', owner.token, otherOrg.slug)).toMatchObject(refused)
    expect(await audits('secret.read')).toHaveLength(0)
  })

  it('exports dotenv that parsers read back exactly, and JSON', async () => {
    for (const [name, value] of Object.entries(TRICKY)) expect((await put(name, { value })).status).toBe(201)
    const dotenv = await exportAs('dotenv')
    expect(dotenv).toMatchObject({ status: 200, type: 'text/plain; charset=utf-8' })
    expect(dotenv.body).toContain('QUOTES="say \\"hello\\" and \'bye\'"\n')
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the escaped literal, as the file holds it
    expect(dotenv.body).toContain('DOLLARS="pa\\$\\$word \\${HOME} \\$(whoami) \\`id\\`"\n')
    expect(dotenv.body.split('\n').filter(Boolean)).toHaveLength(Object.keys(TRICKY).length)

    // Our own importer reads back every value.
    expect(Object.fromEntries(parseDotenv(dotenv.body).entries.map((entry) => [entry.name, entry.value]))).toEqual(
      TRICKY,
    )
    // A POSIX shell sourcing the file unescapes \\ \" \$ and \` (it keeps \n as two characters).
    const file = join(mkdtempSync(join(tmpdir(), 'gatehouse-dotenv-')), 'exported.env')
    writeFileSync(file, dotenv.body)
    for (const [name, value] of Object.entries(TRICKY)) {
      if (/[\n\r]/.test(value)) continue
      expect(
        execFileSync('sh', ['-c', `set -a; . "$1"; printf '%s' "$${name}"`, 'sh', file], {
          env: { ...process.env, HOME: '/nonexistent' },
        }).toString('utf8'),
        name,
      ).toBe(value)
    }
    // The dotenv package expands \n and \r inside double quotes.
    expect(parseWithDotenv(dotenv.body).NEWLINES).toBe(TRICKY.NEWLINES)
    expect(parseWithDotenv(dotenv.body).CRLF).toBe(TRICKY.CRLF)

    const json = await exportAs('json')
    expect(json.type).toBe('application/json')
    expect(JSON.parse(json.body)).toEqual(TRICKY)
  })

  it('lets API keys act within their scopes and the internal token read any org, audited as internal', async () => {
    await put('SHARED', { value: 'for-services' })
    const created = await answerOf(
      callRoute(apiKeysRoute.POST, '/k', {
        token: owner.token,
        body: { name: 'reader', org_id: org.id, scopes: ['secret:read'] },
      }),
    )
    expect(await get('SHARED', '', created.key)).toMatchObject({ status: 200, value: 'for-services' })
    expect(await put('SHARED', { value: 'nope' }, created.key)).toMatchObject({ status: 403, code: 'forbidden' })
    const stranger = await seedUserWithToken(t.runtime)
    expect(await get('SHARED', '', stranger.token)).toMatchObject({ status: 404, code: 'not_found' })

    expect(await get('SHARED', '', INTERNAL_TOKEN)).toMatchObject({ status: 200, value: 'for-services' })
    const reads = await audits('secret.read')
    expect(reads.at(-1)).toMatchObject({ actorType: 'internal', actorId: null, orgId: org.id, targetId: 'SHARED' })
    expect(reads.at(-2)).toMatchObject({ actorType: 'api_key', actorId: created.id })
    expect(await put('FROM_SERVICE', { value: 'x' }, INTERNAL_TOKEN)).toMatchObject({ status: 201 })
    const [row] = await t.runtime.db.select().from(secrets).where(eq(secrets.name, 'FROM_SERVICE'))
    expect(row.updatedBy).toBe('internal')
  })

  it('stores no value in plaintext anywhere in the database', async () => {
    const markers = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`MARKER_${i}`, `plaintext-marker-${i}-${crypto.randomUUID()}`]),
    )
    for (const [name, value] of Object.entries(markers)) await put(name, { value, note: 'scan me' })
    for (const name of Object.keys(markers)) await get(name)
    const columns = await t.runtime.db.execute<{ table_name: string; column_name: string; data_type: string }>(
      sql`select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' and data_type in ('text', 'character varying', 'bytea', 'jsonb', 'json')`,
    )
    const rowsOf = (result: unknown) =>
      (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
        table_name: string
        column_name: string
        data_type: string
      }[]
    const found: string[] = []
    let scanned = 0
    for (const column of rowsOf(columns)) {
      const asText =
        column.data_type === 'bytea'
          ? sql`encode(${sql.identifier(column.column_name)}, 'escape')`
          : sql`${sql.identifier(column.column_name)}::text`
      for (const value of Object.values(markers)) {
        const hits = rowsOf(
          await t.runtime.db.execute(
            sql`select 1 from ${sql.identifier(column.table_name)} where position(${value} in ${asText}) > 0 limit 1`,
          ),
        )
        if (hits.length > 0) found.push(`${column.table_name}.${column.column_name}`)
      }
      scanned += 1
    }
    expect(scanned).toBeGreaterThan(40)
    expect(found).toEqual([])
    // The markers are really there, sealed: each reads back.
    for (const [name, value] of Object.entries(markers)) expect(await get(name)).toMatchObject({ value })
  })

  it('imports a .env block all or nothing, after a plan that names what it creates, updates and refuses', async () => {
    await put('EXISTING', { value: 'old' })
    const actor = { type: 'user' as const, id: owner.user.id, email: owner.user.email }
    const meta = { ip: '198.51.100.20', userAgent: 'test' }
    const block = '# comment\nexport NEW_ONE=plain\nEXISTING="line one\\nline two"\nMULTI="a\nb"\n'
    const plan = await planImport(t.runtime.db, org.id, block)
    expect(plan.changes).toEqual([
      { name: 'NEW_ONE', line: 2, action: 'create' },
      { name: 'EXISTING', line: 3, action: 'update' },
      { name: 'MULTI', line: 4, action: 'create' },
    ])
    expect(plan.problems).toEqual([])

    const refused = `${block}lower=1\nBROKEN="never closed\n`
    expect((await planImport(t.runtime.db, org.id, refused)).problems).toEqual([
      { line: 6, message: expect.stringContaining('lower: Use capital letters') },
      { line: 7, message: "The double quote that opens BROKEN's value is never closed." },
    ])
    await expect(
      importSecrets(t.runtime.db, t.runtime.masterKey, { orgId: org.id, text: refused, actor, meta }),
    ).rejects.toMatchObject({ code: 'validation_failed', detail: expect.stringContaining('Line 6') })
    expect(await get('NEW_ONE')).toMatchObject({ status: 404 })

    expect(await importSecrets(t.runtime.db, t.runtime.masterKey, { orgId: org.id, text: block, actor, meta })).toEqual(
      { created: 2, updated: 1 },
    )
    expect(await get('EXISTING')).toMatchObject({ value: 'line one\nline two', version: 2 })
    expect(await get('MULTI')).toMatchObject({ value: 'a\nb' })
    expect(await get('NEW_ONE')).toMatchObject({ value: 'plain', version: 1 })
  })
})
