import type { ParseArgsConfig } from 'node:util'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** resolves when the user asks a long-running command to stop (SIGINT / SIGTERM) */
  interrupted: Promise<void>
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

export interface Command {
  name: string
  summary: string
  usage: string
  /** option lines for --help, in order */
  help: string[]
  options: OptionSpec
  /** whether the command takes words after its name (a subcommand, ids, files) */
  positionals?: boolean
  run(
    values: Record<string, string | boolean | undefined>,
    io: CliIo,
    positionals: string[]
  ): Promise<number>
}

/** Bad usage: the CLI prints its message on one line and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2
