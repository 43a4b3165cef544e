/**
 * The dotenv format of exports and imports: NAME="value", with backslash, double quote, `$`,
 * backtick, newline and carriage return escaped, so that dotenv parsers that unescape (Ruby's
 * dotenv, a POSIX shell sourcing the file, the parser below) read back exactly the value stored.
 */

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', $: '\\$', '`': '\\`', '\n': '\\n', '\r': '\\r' }
const UNESCAPES: Record<string, string> = { '\\': '\\', '"': '"', $: '$', '`': '`', n: '\n', r: '\r', t: '\t' }

export function formatDotenv(entries: Iterable<[string, string]>): string {
  let text = ''
  for (const [name, value] of entries) text += `${name}="${value.replace(/[\\"$`\n\r]/g, (char) => ESCAPES[char])}"\n`
  return text
}

export interface DotenvEntry {
  name: string
  value: string
  line: number
}

export interface DotenvProblem {
  line: number
  message: string
}

const ASSIGNMENT = /^\s*(?:export\s+)?([^=\s#]+)\s*=\s*/

/**
 * Reads a pasted .env block: comments, blank lines and `export` prefixes are skipped; values are
 * double-quoted (escapes above, may span lines), single-quoted (literal) or bare (trimmed, an
 * inline ` #` starts a comment). Names are returned as written, for the caller to check.
 */
export function parseDotenv(text: string): { entries: DotenvEntry[]; problems: DotenvProblem[] } {
  const entries: DotenvEntry[] = []
  const problems: DotenvProblem[] = []
  const source = text.replace(/\r\n?/g, '\n')
  let position = 0
  let line = 1
  while (position < source.length) {
    const end = source.indexOf('\n', position) === -1 ? source.length : source.indexOf('\n', position)
    const current = source.slice(position, end)
    const startLine = line
    if (current.trim() === '' || current.trimStart().startsWith('#')) {
      position = end + 1
      line += 1
      continue
    }
    const assignment = ASSIGNMENT.exec(current)
    if (!assignment) {
      problems.push({ line, message: 'Expected NAME=value.' })
      position = end + 1
      line += 1
      continue
    }
    const name = assignment[1]
    let cursor = position + assignment[0].length
    const quote = source[cursor]
    if (quote === '"' || quote === "'") {
      let value = ''
      cursor += 1
      let closed = false
      while (cursor < source.length) {
        const char = source[cursor]
        if (char === quote) {
          closed = true
          break
        }
        if (char === '\n') line += 1
        if (quote === '"' && char === '\\' && cursor + 1 < source.length) {
          const next = source[cursor + 1]
          value += UNESCAPES[next] ?? `\\${next}`
          cursor += 2
          continue
        }
        value += char
        cursor += 1
      }
      const lineEnd = source.indexOf('\n', cursor) === -1 ? source.length : source.indexOf('\n', cursor)
      if (!closed)
        problems.push({
          line: startLine,
          message: `The ${quote === '"' ? 'double' : 'single'} quote that opens ${name}'s value is never closed.`,
        })
      else {
        const rest = source.slice(cursor + 1, lineEnd).trim()
        if (rest && !rest.startsWith('#'))
          problems.push({ line, message: `Unexpected text after ${name}'s closing quote.` })
        else entries.push({ name, value, line: startLine })
      }
      position = lineEnd + 1
      line += 1
      continue
    }
    const bare = source.slice(cursor, end)
    const comment = bare.search(/\s#/)
    entries.push({ name, value: (comment === -1 ? bare : bare.slice(0, comment)).trim(), line: startLine })
    position = end + 1
    line += 1
  }
  return { entries, problems }
}
