'use server'

import { revalidatePath } from 'next/cache'
import { defineAction } from '@/lib/actions/define-action'
import { createProviderFormSchema, providerSlugFormSchema, updateProviderFormSchema } from '@/lib/oidc/provider-schemas'
import { createProvider, deleteProvider, updateProvider } from '@/lib/oidc/save-provider'

export const createProviderAction = defineAction(
  { schema: createProviderFormSchema, admin: true },
  async ({ input, runtime, actor, meta }) => {
    const provider = await createProvider({ runtime, actor, meta, body: input })
    revalidatePath('/admin/sso')
    return { ok: true, message: `Added ${provider.name}. Register its redirect URI at the identity provider.` }
  },
)

export const updateProviderAction = defineAction(
  { schema: updateProviderFormSchema, admin: true },
  async ({ input: { slug, ...body }, runtime, actor, meta }) => {
    const provider = await updateProvider({ runtime, actor, meta, body, slug })
    revalidatePath('/admin/sso')
    return { ok: true, message: `Saved ${provider.name}; its discovery document was checked again.` }
  },
)

export const deleteProviderAction = defineAction(
  { schema: providerSlugFormSchema, admin: true },
  async ({ input, runtime, actor, meta }) => {
    await deleteProvider({ runtime, actor, meta, slug: input.slug })
    revalidatePath('/admin/sso')
    return { ok: true, message: `Removed ${input.slug}.` }
  },
)
