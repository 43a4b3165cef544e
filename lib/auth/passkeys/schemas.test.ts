import { describe, expect, it } from 'vitest'
import { addPasskeyFormSchema, passkeySignInFormSchema, renamePasskeyFormSchema } from './schemas'

const registration = {
  id: 'AQID',
  rawId: 'AQID',
  type: 'public-key',
  response: { clientDataJSON: 'e30', attestationObject: 'oA', transports: ['internal'] },
  clientExtensionResults: {},
}

describe('passkey form schemas', () => {
  it('trims the name and refuses an empty or overlong one', () => {
    expect(renamePasskeyFormSchema.parse({ passkey_id: 'p1', name: '  Work laptop ' }).name).toBe('Work laptop')
    expect(renamePasskeyFormSchema.safeParse({ passkey_id: 'p1', name: '   ' }).error?.issues[0]).toMatchObject({
      path: ['name'],
      message: expect.stringContaining('Name the passkey'),
    })
    expect(renamePasskeyFormSchema.safeParse({ passkey_id: 'p1', name: 'x'.repeat(65) }).error?.issues[0].message).toBe(
      'Use at most 64 characters.',
    )
  })

  it('reads the browser’s answer from a JSON field and refuses what is not one', () => {
    expect(addPasskeyFormSchema.parse({ name: 'Key', response: JSON.stringify(registration) }).response).toMatchObject({
      id: 'AQID',
      response: { attestationObject: 'oA' },
    })
    const refused = (response: unknown) => addPasskeyFormSchema.safeParse({ name: 'Key', response }).error?.issues[0]
    expect(refused('{not json')).toMatchObject({ path: ['response'], message: 'The passkey answer is not JSON.' })
    expect(refused(undefined)).toMatchObject({ path: ['response'], message: 'The browser sent no passkey answer.' })
    expect(refused(JSON.stringify({ ...registration, type: 'password' }))).toMatchObject({ path: ['response', 'type'] })
    expect(refused(JSON.stringify({ ...registration, id: 'not base64url!' }))).toMatchObject({
      path: ['response', 'id'],
    })
    expect(refused('x'.repeat(70_000))).toMatchObject({ message: 'The passkey answer is too large.' })
    // A registration answer is not a sign-in answer: no signature.
    expect(passkeySignInFormSchema.safeParse({ response: JSON.stringify(registration) }).success).toBe(false)
  })
})
