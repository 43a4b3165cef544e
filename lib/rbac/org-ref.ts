/** The shape of an organization id (a UUID). A slug never has it, so a reference names one org. */
const ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isIdShaped(ref: string): boolean {
  return ID_SHAPE.test(ref)
}

/** How `{org}` names an organization: an id-shaped reference by id (ids are lowercase), anything else by slug. */
export function parseOrgRef(ref: string): { id: string } | { slug: string } {
  return isIdShaped(ref) ? { id: ref.toLowerCase() } : { slug: ref }
}

export function isNamedBy(org: { id: string; slug: string }, ref: string): boolean {
  const parsed = parseOrgRef(ref)
  return 'id' in parsed ? org.id === parsed.id : org.slug === parsed.slug
}
