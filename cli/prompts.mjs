import { createInterface } from 'node:readline/promises'

export const isInteractive = (stdin = process.stdin) => Boolean(stdin.isTTY)

/** A visible answer on the terminal (an e-mail address, a code). */
export async function ask(question) {
  const reader = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return (await reader.question(question)).trim()
  } finally {
    reader.close()
  }
}

/** A hidden answer (a password), with @inquirer/password. */
export async function askHidden(message) {
  const { default: password } = await import('@inquirer/password')
  return password({ message, mask: false }, { output: process.stderr })
}

/** All of standard input (`--password-stdin`), without the final line break. */
export async function readStdin() {
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}
