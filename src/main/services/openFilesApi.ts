import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import type { TwinParsedArgs, TwinResults } from '../../shared/api'
import { TwinError } from '../../shared/errors'
import type { OpenedFile } from '../../shared/openFiles'
import { openFailureMessage, openFile, openRequestFor } from './openFiles'
import type { ScenarioLibrary } from './scenarios'
import type { TwinService } from './twinService'

type Method = 'app.openPath' | 'app.openDropped'
export type OpenHandlers = {
  [M in Method]: (args: TwinParsedArgs<M>) => TwinResults[M] | Promise<TwinResults[M]>
}

export interface OpenApiDeps {
  /** the service these handlers belong to: a file is opened through its own methods */
  service(): TwinService
  scenarios: ScenarioLibrary
  /** the data folder, where a dropped file's bytes are kept while it is opened */
  dropDir: string
}

/**
 * app.openPath and app.openDropped: a file dropped on the window, opened exactly as one named
 * on the command line (openFile). The browser view sends the bytes, which are written to a
 * private folder in the data folder, opened by that path and removed; its messages name the
 * file as the user knows it. Opens run one after another, as the command line's do.
 */
export function openHandlers(deps: OpenApiDeps): OpenHandlers {
  let queue: Promise<unknown> = Promise.resolve()
  const oneAtATime = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task)
    queue = next.catch(() => {})
    return next
  }

  const open = async (
    path: string,
    field: (unsupported: boolean) => string,
    shown: (text: string) => string = (text) => text
  ): Promise<OpenedFile> => {
    const request = openRequestFor(path)
    const outcome = await openFile(request, { service: deps.service(), scenarios: deps.scenarios })
    if (outcome.ok) return outcome.opened
    const { content } = openFailureMessage(outcome.path, outcome.reason)
    throw new TwinError({
      code: 'invalid-argument',
      message: shown(content),
      field: field(request.kind === 'unsupported')
    })
  }

  return {
    'app.openPath': ({ path }) => oneAtATime(() => open(resolve(path), () => 'path')),
    'app.openDropped': ({ name, data }) =>
      oneAtATime(async () => {
        mkdirSync(deps.dropDir, { recursive: true })
        const dir = mkdtempSync(join(deps.dropDir, '.dropped-'))
        const path = join(dir, name)
        try {
          writeFileSync(path, Buffer.from(data, 'base64'))
          return await open(
            path,
            (unsupported) => (unsupported ? 'name' : 'data'),
            (text) => text.replaceAll(path, name).replaceAll(dir + sep, '')
          )
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      })
  }
}
