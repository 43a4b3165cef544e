import 'server-only'
import type { Db } from '@/db/client'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import type { MasterKey } from '@/lib/crypto/master-key'
import { AppError } from '@/lib/errors'
import { parseDotenv } from './dotenv'
import { putSecret } from './put-secret'
import { findSecretNames } from './queries'
import { secretNameSchema, secretValueSchema } from './schemas'

export interface ImportPlan {
  /** What importing would do, by name (the last line wins when a name repeats). */
  changes: { name: string; line: number; action: 'create' | 'update' }[]
  /** Lines that would be skipped, and why. */
  problems: { line: number; message: string }[]
  values: Map<string, string>
}

/** Reads a pasted .env block against the org's secrets: which names it creates, which it updates, what is wrong. */
export async function planImport(db: Db, orgId: string, text: string): Promise<ImportPlan> {
  const { entries, problems } = parseDotenv(text)
  const existing = await findSecretNames(db, orgId)
  const accepted = new Map<string, { line: number; value: string }>()
  for (const entry of entries) {
    const name = secretNameSchema.safeParse(entry.name)
    const value = secretValueSchema.safeParse(entry.value)
    if (!name.success) problems.push({ line: entry.line, message: `${entry.name}: ${name.error.issues[0].message}` })
    else if (!value.success)
      problems.push({ line: entry.line, message: `${entry.name}: ${value.error.issues[0].message}` })
    else accepted.set(entry.name, { line: entry.line, value: entry.value })
  }
  const changes = [...accepted].map(([name, { line }]) => ({
    name,
    line,
    action: existing.has(name) ? ('update' as const) : ('create' as const),
  }))
  return {
    changes,
    problems: problems.sort((a, b) => a.line - b.line),
    values: new Map([...accepted].map(([name, { value }]) => [name, value])),
  }
}

/** Writes every line of the block as a new version (or version 1), all or nothing; refuses a block with problems. */
export async function importSecrets(
  db: Db,
  masterKey: MasterKey,
  args: { orgId: string; text: string; actor: AuditActor; meta: RequestMeta },
) {
  const plan = await planImport(db, args.orgId, args.text)
  if (plan.problems.length > 0)
    throw new AppError('validation_failed', `Line ${plan.problems[0].line}: ${plan.problems[0].message}`, [
      { path: 'text', message: 'Fix the lines the preview names, then import.' },
    ])
  if (plan.values.size === 0)
    throw new AppError('validation_failed', 'There is nothing to import', [
      { path: 'text', message: 'Paste lines of the form NAME=value.' },
    ])
  return db.transaction(async (tx) => {
    let created = 0
    for (const [name, value] of plan.values) {
      const written = await putSecret(tx, masterKey, {
        orgId: args.orgId,
        name,
        value,
        note: 'Imported from .env',
        actor: args.actor,
        meta: args.meta,
      })
      if (written.created) created += 1
    }
    return { created, updated: plan.values.size - created }
  })
}
