import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { appInfo } from '../../main/services/appInfo'
import { dataDir } from '../../main/services/library/dataDir'
import { openRunLibrary } from '../../main/services/library/openLibrary'
import { RunHost } from '../../main/services/runHost'
import { ScenarioLibrary } from '../../main/services/scenarios'
import { createTwinService } from '../../main/services/twinService'
import { startBrowserView } from '../../main/web/server'
import { workerFromSource } from '../../main/worker/fromSource'
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command } from '../command'
import { DATA_DIR_HELP, dataDirFlag } from '../library'
import { RESOURCES_DIR } from '../resources'

const rendererDir = fileURLToPath(new URL('../../../out/renderer', import.meta.url))
const engineWorker = new URL('../../main/worker/engineWorker.ts', import.meta.url)

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the app in a browser: serve the built UI and the twin on 127.0.0.1',
  usage: 'twin serve [--port <n>] [--data-dir <dir>]',
  help: ['--port <n>           TCP port on 127.0.0.1 (default: a free one)', DATA_DIR_HELP],
  options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
  async run(values, io) {
    const port = parsePort(values.port)
    if (!existsSync(`${rendererDir}/index.html`)) {
      io.stderr('twin serve: the UI is not built yet: run `npm run build` first\n')
      return EXIT_FAILURE
    }
    const library = openRunLibrary(dataDir(dataDirFlag(values['data-dir'])))
    if (library.error) io.stderr(`twin serve: runs will not be saved: ${library.error}\n`)
    const store = library.store
    const service = createTwinService({
      runs: new RunHost({
        ...workerFromSource(engineWorker),
        library: store ? { path: store.path } : null,
        onLost: (runId, reason) => store?.markFailed(runId, reason)
      }),
      library: new ScenarioLibrary(RESOURCES_DIR),
      appInfo: appInfo(),
      store,
      ...(library.error ? { libraryError: library.error } : {})
    })
    let view
    try {
      view = await startBrowserView({ service, rendererDir, port })
    } catch (error) {
      await service.dispose()
      io.stderr(`twin serve: cannot listen on 127.0.0.1:${port}: ${(error as Error).message}\n`)
      return EXIT_FAILURE
    }
    io.stdout(`Supernode Twin browser view: ${view.url}\n`)
    if (store) io.stdout(`Run library: ${store.path}\n`)
    io.stdout('Open that URL (it carries the access token). Ctrl+C stops.\n')
    await io.interrupted
    await view.close()
    await service.dispose()
    io.stdout('twin serve: stopped\n')
    return EXIT_OK
  }
}

function parsePort(value: string | boolean | undefined): number {
  if (value === undefined) return 0
  const port = Number(value)
  if (typeof value !== 'string' || !/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not '${String(value)}'`)
  }
  return port
}
