/** Fields for a server action called from code rather than from a form (unset ones left out). */
export function formDataOf(fields: Record<string, string | undefined>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, value)
  return form
}
