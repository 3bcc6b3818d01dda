import { parseArgs } from 'node:util'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, type CliIo, type Command } from './command'
import { calibrateCommand } from './commands/calibrate'
import { compareCommand } from './commands/compare'
import { estimateCommand } from './commands/estimate'
import { runsCommand } from './commands/runs'
import { serveCommand } from './commands/serve'
import { simulateCommand } from './commands/simulate'
import { topologyCommand } from './commands/topology'

export const commands: Command[] = [
  topologyCommand,
  estimateCommand,
  calibrateCommand,
  simulateCommand,
  compareCommand,
  runsCommand,
  serveCommand
]

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'Supernode Twin: a digital twin of an AI supernode, headless.',
    '',
    'usage: twin <command> [options]     (from the repository: npm run twin -- <command> ...)',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "'twin <command> --help' describes a command's options."
  ].join('\n')
}

function commandHelp(command: Command): string {
  return [
    `usage: ${command.usage}`,
    '',
    command.summary,
    '',
    ...command.help.map((h) => `  ${h}`),
    '  --help          this text'
  ].join('\n')
}

/** Runs one CLI invocation and returns its exit code: 0 done, 1 failed, 2 bad usage. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined
    const command = commands.find((c) => c.name === topic)
    if (topic !== undefined && !command) return usage(io, `unknown command '${topic}'`)
    io.stdout((command ? commandHelp(command) : overview()) + '\n')
    return EXIT_OK
  }
  const command = commands.find((c) => c.name === name)
  if (!command) return usage(io, `unknown command '${name}'`, "see 'twin --help'")
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true
    })
    if (values.help) {
      io.stdout(commandHelp(command) + '\n')
      return EXIT_OK
    }
    if (positionals.length > 0 && !command.positionals)
      throw new UsageError(`unexpected argument '${positionals[0]}'`)
    return await command.run(values, io, positionals)
  } catch (error) {
    if (error instanceof UsageError) return usage(io, `${command.name}: ${error.message}`, command)
    if (isParseArgsError(error))
      return usage(io, `${command.name}: ${parseArgsReason(error)}`, command)
    io.stderr(`twin ${command.name}: ${(error as Error).message ?? String(error)}\n`)
    return EXIT_FAILURE
  }
}

function usage(io: CliIo, reason: string, hint: Command | string = "see 'twin --help'"): number {
  const see = typeof hint === 'string' ? hint : `see 'twin ${hint.name} --help'`
  io.stderr(`twin: ${reason} (${see})\n`)
  return EXIT_USAGE
}

function isParseArgsError(error: unknown): error is Error & { code: string } {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')
}

/** Node's messages run to several sentences and lines; keep the first, which names the option. */
function parseArgsReason(error: Error & { code: string }): string {
  const firstLine = error.message.split('\n')[0] ?? error.message
  const first = (firstLine.split('. ')[0] ?? firstLine).replace(/\.$/, '')
  const ambiguous = /option '(--[\w-]+)' argument is ambiguous/i.exec(first)
  const reason = first.replace(/^Unknown option/, 'unknown option').replace(/^Option/, 'option')
  if (ambiguous) return `${reason}: write ${ambiguous[1]}=VALUE for a value that starts with '-'`
  return reason
}
