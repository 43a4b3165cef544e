/** Exit codes (SPEC §10): a failure 1, a usage error 2, not signed in 3. */
export const EXIT = { failure: 1, usage: 2, signedOut: 3 }

/** A failure the CLI reports as one line on stderr, `error: <detail> (<code>)`, and exits with. */
export class CliError extends Error {
  /**
   * @param {string} code
   * @param {string} detail
   * @param {number} [exitCode]
   */
  constructor(code, detail, exitCode = EXIT.failure) {
    super(detail)
    this.code = code
    this.exitCode = exitCode
  }
}

export const notSignedIn = (server) =>
  new CliError('not_signed_in', `not signed in to ${server}: run gatehouse login`, EXIT.signedOut)

/** A usage error: exit 2, like commander's own. */
export const usage = (detail) => new CliError('usage', detail, EXIT.usage)
