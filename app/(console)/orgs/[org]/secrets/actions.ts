'use server'

import { revalidatePath } from 'next/cache'
import { defineAction, refused } from '@/lib/actions/define-action'
import { deleteSecret } from '@/lib/secrets/delete-secret'
import {
  importSecretsFormSchema,
  revealSecretFormSchema,
  saveSecretFormSchema,
  secretFormSchema,
  secretVersionFormSchema,
} from '@/lib/secrets/form-schemas'
import { importSecrets, planImport } from '@/lib/secrets/import-secrets'
import { putSecret } from '@/lib/secrets/put-secret'
import { findSecretVersions, secretExists } from '@/lib/secrets/queries'
import { readSecret } from '@/lib/secrets/read-secret'
import { restoreSecretVersion } from '@/lib/secrets/restore-secret'

export const saveSecretAction = defineAction(
  { schema: saveSecretFormSchema, org: 'secret:write' },
  async ({ input, runtime, access, actor, meta }) => {
    if (input.mode === 'create' && (await secretExists(runtime.db, access.org.id, input.name))) {
      return {
        ok: false,
        error: `${input.name} exists already.`,
        fieldErrors: { name: ['This name is taken: add a version from its row instead.'] },
      }
    }
    const { name, version } = await putSecret(runtime.db, runtime.masterKey, {
      orgId: access.org.id,
      name: input.name,
      value: input.value,
      note: input.note,
      actor,
      meta,
    })
    revalidatePath(`/orgs/${access.org.slug}/secrets`)
    return { ok: true, message: `Saved ${name} (version ${version}).` }
  },
)

/** A deliberate click: the value, once, audited as secret.read. */
export const revealSecretAction = defineAction(
  { schema: revealSecretFormSchema, org: 'secret:read' },
  async ({ input, runtime, access, actor, meta }) => {
    const secret = await readSecret(runtime.db, runtime.masterKey, {
      orgId: access.org.id,
      name: input.name,
      version: input.version,
      actor,
      meta,
    })
    return { ok: true as const, value: secret.value, version: secret.version }
  },
)

export const secretHistoryAction = defineAction(
  { schema: secretFormSchema, org: 'secret:read' },
  async ({ input, runtime, access }) => {
    const versions = await findSecretVersions(runtime.db, access.org.id, input.name)
    return {
      ok: true as const,
      versions: versions.map((row) => ({
        version: row.version,
        createdAt: row.createdAt.toISOString(),
        createdBy: row.createdBy,
        note: row.note,
      })),
    }
  },
)

export const restoreSecretAction = defineAction(
  { schema: secretVersionFormSchema, org: 'secret:write' },
  async ({ input, runtime, access, actor, meta }) => {
    const { version } = await restoreSecretVersion(runtime.db, runtime.masterKey, {
      orgId: access.org.id,
      name: input.name,
      version: input.version,
      actor,
      meta,
    })
    revalidatePath(`/orgs/${access.org.slug}/secrets`)
    return {
      ok: true,
      message: `Version ${input.version} of ${input.name} is the newest again, as version ${version}.`,
    }
  },
)

export const deleteSecretAction = defineAction(
  { schema: secretFormSchema, org: 'secret:delete' },
  async ({ input, runtime, access, actor, meta }) => {
    await deleteSecret(runtime.db, { orgId: access.org.id, name: input.name, actor, meta })
    revalidatePath(`/orgs/${access.org.slug}/secrets`)
    return { ok: true, message: `Deleted ${input.name}.` }
  },
)

/** What importing the pasted block would create and update, before anything is written. */
export const previewImportAction = defineAction(
  { schema: importSecretsFormSchema, org: 'secret:write' },
  async ({ input, runtime, access }) => {
    const plan = await planImport(runtime.db, access.org.id, input.text)
    if (plan.changes.length === 0 && plan.problems.length === 0)
      return refused('There is nothing to import: paste lines of the form NAME=value.')
    return { ok: true as const, changes: plan.changes, problems: plan.problems }
  },
)

export const importSecretsAction = defineAction(
  { schema: importSecretsFormSchema, org: 'secret:write' },
  async ({ input, runtime, access, actor, meta }) => {
    const { created, updated } = await importSecrets(runtime.db, runtime.masterKey, {
      orgId: access.org.id,
      text: input.text,
      actor,
      meta,
    })
    revalidatePath(`/orgs/${access.org.slug}/secrets`)
    return {
      ok: true,
      message: `Imported ${created + updated} secret${created + updated === 1 ? '' : 's'}: ${created} created, ${updated} updated.`,
    }
  },
)
