import { usage } from '../errors.mjs'

/** Every command path ('' for the top, 'secrets', 'secrets run' …) with what may follow it. */
function commandTable(program) {
  const table = []
  const walk = (command, path) => {
    const options = command.options.flatMap((option) =>
      option.long ? [{ name: option.long, description: option.description }] : [],
    )
    options.push({ name: '--help', description: 'show help' })
    const subcommands = command.commands.map((child) => ({ name: child.name(), description: child.description() }))
    table.push({ path, subcommands, options })
    for (const child of command.commands) walk(child, path ? `${path} ${child.name()}` : child.name())
  }
  walk(program, '')
  return table
}

const single = (text) => `'${text.replace(/'/g, `'\\''`)}'`

function bash(table) {
  const paths = table.filter((entry) => entry.path).map((entry) => single(` ${entry.path}`))
  const cases = table.map(
    (entry) =>
      `    ${single(entry.path ? ` ${entry.path}` : '')}) words=${single([...entry.subcommands.map((c) => c.name), ...entry.options.map((o) => o.name)].join(' '))} ;;`,
  )
  return `# gatehouse completion for bash: eval "$(gatehouse completion bash)" (or save it in /etc/bash_completion.d)
_gatehouse() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" word words="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ "$word" == -- ]] && return 0
    case "$path $word" in
      ${paths.join('|')}) path="$path $word" ;;
    esac
  done
  case "$path" in
${cases.join('\n')}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _gatehouse gatehouse
`
}

function zsh(table) {
  const paths = table.filter((entry) => entry.path).map((entry) => single(` ${entry.path}`))
  const describe = (item) => single(`${item.name.replace(/:/g, '\\:')}:${item.description}`)
  const cases = table.map(
    (entry) =>
      `    (${single(entry.path ? ` ${entry.path}` : '')}) candidates=(${[...entry.subcommands, ...entry.options].map(describe).join(' ')}) ;;`,
  )
  return `#compdef gatehouse
# gatehouse completion for zsh: gatehouse completion zsh > "\${fpath[1]}/_gatehouse" (or eval it in .zshrc)
_gatehouse() {
  local path_="" word i
  local -a candidates
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    [[ "$word" == -- ]] && return 0
    case "$path_ $word" in
      (${paths.join('|')}) path_="$path_ $word" ;;
    esac
  done
  case "$path_" in
${cases.join('\n')}
  esac
  _describe -t commands gatehouse candidates
}
# Autoloaded from $fpath, this file is the body of _gatehouse: complete now. Eval'd, register it.
if [[ "\${funcstack[1]}" == _gatehouse ]]; then
  _gatehouse "$@"
else
  compdef _gatehouse gatehouse
fi
`
}

function fish(table) {
  const lines = [
    '# gatehouse completion for fish: gatehouse completion fish > ~/.config/fish/completions/gatehouse.fish',
    'complete -c gatehouse -f',
  ]
  for (const entry of table) {
    const words = entry.path.split(' ').filter(Boolean)
    const children = entry.subcommands.map((child) => child.name).join(' ')
    const here = words.length
      ? `__fish_seen_subcommand_from ${words.at(-1)}${children ? `; and not __fish_seen_subcommand_from ${children}` : ''}`
      : '__fish_use_subcommand'
    for (const child of entry.subcommands)
      lines.push(`complete -c gatehouse -n ${single(here)} -a ${child.name} -d ${single(child.description)}`)
    for (const option of entry.options)
      lines.push(
        `complete -c gatehouse${words.length ? ` -n ${single(`__fish_seen_subcommand_from ${words.at(-1)}`)}` : ''} -l ${option.name.slice(2)} -d ${single(option.description)}`,
      )
  }
  return `${lines.join('\n')}\n`
}

const SHELLS = { bash, zsh, fish }

/** `gatehouse completion bash|zsh|fish`: a script made from the commands this CLI has. */
export async function completion(_context, shell, program) {
  const render = SHELLS[shell]
  if (!render) throw usage(`completion takes bash, zsh or fish, not ${JSON.stringify(shell)}`)
  process.stdout.write(render(commandTable(program)))
}
