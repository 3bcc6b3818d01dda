import { sep } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import {
  argvFilesStart,
  createFileOpener,
  listenForOpenedFiles
} from '../../../src/main/electron/openFiles'
import { outsideAsar } from '../../../src/main/electron/packaged'
import type { ScenarioLibrary } from '../../../src/main/services/scenarios'
import type { TwinService } from '../../../src/main/services/twinService'
import { createFakeElectron, type FakeBrowserWindow } from './fakeElectron'

/** A service whose import fails for files named bad*, after `gate` opens. */
function fakeService(gate: Promise<void> = Promise.resolve()) {
  const order: string[] = []
  const service = {
    dispatch: vi.fn(async (method: string, args: { path?: string; id?: string }) => {
      await gate
      order.push(`${method}:${args.path ?? args.id}`)
      if (method === 'runs.import' && args.path!.includes('bad'))
        return {
          ok: false,
          error: { code: 'invalid-argument', message: `${args.path} is damaged` }
        }
      if (method === 'runs.import') return { ok: true, value: [{ id: args.path }] }
      return { ok: true, value: {} }
    }),
    command: vi.fn()
  }
  return { service: service as unknown as TwinService, order }
}

const scenarios = {} as ScenarioLibrary

describe('opening files in the app', () => {
  it('waits for the window, opens in order, and names each file that fails', async () => {
    const fake = createFakeElectron()
    let ready!: () => void
    const { service, order } = fakeService()
    const open = createFileOpener(fake.electron, {
      service,
      scenarios,
      ready: new Promise<void>((resolve) => (ready = resolve))
    })
    const done = open([
      { kind: 'import-run', path: '/d/bad.twinrun' },
      { kind: 'import-run', path: '/d/good.twinrun' },
      { kind: 'unsupported', path: '/d/x.txt' }
    ])
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(order).toEqual([])
    ready()
    await done
    expect(order).toEqual([
      'runs.import:/d/bad.twinrun',
      'runs.import:/d/good.twinrun',
      'replay.open:/d/good.twinrun'
    ])
    expect(fake.dialog.errors).toEqual([
      { title: 'Cannot open bad.twinrun', content: '/d/bad.twinrun is damaged' },
      { title: 'Cannot open x.txt', content: expect.stringMatching(/^\/d\/x\.txt: .*\.twinrun/) }
    ])
  })

  it('takes files from a second launch and from macOS, and brings the window forward', async () => {
    const fake = createFakeElectron({ isPackaged: true })
    const open = vi.fn(async () => {})
    const window = new fake.BrowserWindow({}) as FakeBrowserWindow
    window.minimized = true
    listenForOpenedFiles(
      fake.electron.app,
      open,
      () => fake.electron.BrowserWindow.getAllWindows()[0]
    )
    fake.app.emit(
      'second-instance',
      {},
      ['/opt/twin/supernode-twin', '--flag', 'r.twinrun'],
      '/home/me'
    )
    expect(open).toHaveBeenLastCalledWith([{ kind: 'import-run', path: '/home/me/r.twinrun' }])
    expect(window.minimized).toBe(false)
    expect(window.focused).toBe(true)
    let prevented = false
    fake.app.emit('open-file', { preventDefault: () => (prevented = true) }, '/Users/me/s.json')
    expect(prevented).toBe(true)
    expect(open).toHaveBeenLastCalledWith([{ kind: 'start-scenario', path: '/Users/me/s.json' }])
  })

  it('knows where the files start on the command line', () => {
    expect(argvFilesStart({ isPackaged: true })).toBe(1)
    expect(argvFilesStart({ isPackaged: false })).toBe(2)
  })
})

describe('the packaged engine worker', () => {
  it('starts from outside the archive', () => {
    const inAsar = [
      '',
      'opt',
      'Twin',
      'resources',
      'app.asar',
      'out',
      'main',
      'engineWorker.js'
    ].join(sep)
    expect(outsideAsar(inAsar)).toBe(
      inAsar.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`)
    )
    const checkout = ['', 'work', 'main', 'out', 'main', 'engineWorker.js'].join(sep)
    expect(outsideAsar(checkout)).toBe(checkout)
  })
})
