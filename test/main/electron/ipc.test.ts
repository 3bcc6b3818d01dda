import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startDesktopApp } from '../../../src/main/electron/app'
import { UNTRUSTED_SENDER_ERROR } from '../../../src/main/electron/ipc'
import { appInfo } from '../../../src/main/services/appInfo'
import { createTwinService, type TwinService } from '../../../src/main/services/twinService'
import { ScenarioLibrary } from '../../../src/main/services/scenarios'
import { runHost } from '../../fixtures/runs'
import type { TwinMethod } from '../../../src/shared/api'
import { TWIN_METHODS } from '../../../src/shared/requests'
import { FRAME_MAGIC } from '../../../src/shared/frame'
import type { PortMessage } from '../../../src/shared/wire'
import {
  IPC_INVOKE_CHANNEL,
  IPC_PORT_CHANNEL,
  IPC_PORT_REQUEST_CHANNEL
} from '../../../src/shared/wire'
import {
  createFakeElectron,
  ipcEvent,
  type FakePortMain,
  type FakeWebContents
} from './fakeElectron'

const APP_URL = 'twin://app/index.html'

let service: TwinService
let fake: ReturnType<typeof createFakeElectron>
let contents: FakeWebContents

beforeAll(async () => {
  // The real engine worker, run from its TypeScript source (see src/main/worker/fromSource.ts).
  const library = new ScenarioLibrary(new URL('../../../resources/', import.meta.url).pathname)
  service = createTwinService({ runs: runHost('real'), library, appInfo: appInfo() })
  fake = createFakeElectron()
  const desktop = startDesktopApp(fake.electron, {
    service,
    rendererDir: '/unused',
    preloadPath: '/p.cjs'
  })
  await fake.ready()
  await desktop.window
  contents = fake.windows[0]!.webContents
})

afterAll(async () => {
  fake.app.emit('will-quit')
  await service.dispose()
})

const invoke = (method: unknown, args: unknown, frameUrl: string | null = APP_URL) =>
  fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, ipcEvent(contents, frameUrl), method, args)

/** Asks for a port like the preload does; returns the renderer's end. */
function requestPort(sender: FakeWebContents = contents, frameUrl = APP_URL): FakePortMain {
  const before = sender.sent.length
  fake.ipcMain.emit(IPC_PORT_REQUEST_CHANNEL, ipcEvent(sender, frameUrl))
  const sent = sender.sent.slice(before)
  expect(sent).toHaveLength(1)
  expect(sent[0]!.channel).toBe(IPC_PORT_CHANNEL)
  return sent[0]!.transfer[0]!
}

function nextMessage(port: FakePortMain, kind: PortMessage['kind']): Promise<PortMessage> {
  return new Promise((resolve) => {
    const listener = ({ data }: { data: PortMessage }) => {
      if (data.kind !== kind) return
      port.off('message', listener)
      resolve(data)
    }
    port.on('message', listener)
  })
}

/** One wrong argument per method; Record<TwinMethod, ...> makes a new method add a case. */
const wrongArguments: Record<TwinMethod, { args: unknown; field?: string }[]> = {
  'app.info': [{ args: { verbose: true } }, { args: 'all' }],
  'app.openPath': [
    { args: {}, field: 'path' },
    { args: { path: '' }, field: 'path' }
  ],
  'app.openDropped': [
    { args: { name: '../x.twinrun', data: '' }, field: 'name' },
    { args: { name: 'x.twinrun', data: 'not base64!' }, field: 'data' }
  ],
  'systems.list': [{ args: { filter: 1 } }, { args: [] }],
  'topology.get': [
    { args: { system: 42 }, field: 'system' },
    { args: { system: 'dgx-h100x' }, field: 'system' },
    { args: null }
  ],
  'scenarios.list': [{ args: { all: true } }, { args: 1 }],
  'scenarios.get': [
    { args: { id: 7 }, field: 'id' },
    { args: {}, field: 'id' }
  ],
  'run.start': [
    { args: { scenario: 'default', speed: 'fast' }, field: 'speed' },
    { args: { scenario: 'default', speed: 0 }, field: 'speed' },
    { args: { scenario: 42 }, field: 'scenario' },
    { args: { scenario: 'nonesuch' }, field: 'scenario.scenario' },
    { args: { scenario: { name: 'x' } }, field: 'scenario.system' }
  ],
  'run.pause': [{ args: { now: true } }, { args: 7 }],
  'run.resume': [{ args: { later: 1 } }],
  'run.stop': [{ args: { now: true } }, { args: 7 }],
  'run.setSpeed': [
    { args: { speed: -2 }, field: 'speed' },
    { args: {}, field: 'speed' }
  ],
  'run.status': [{ args: { runId: 'x' } }, { args: true }],
  'runs.list': [{ args: { all: true } }],
  'runs.get': [
    { args: { id: 7 }, field: 'id' },
    { args: {}, field: 'id' }
  ],
  'runs.overview': [{ args: { id: 1 }, field: 'id' }],
  'runs.kpis': [{ args: { id: 'r', names: 'ttftP50Ms' }, field: 'names' }],
  'runs.frameAt': [
    { args: { id: 'r', atS: -1 }, field: 'atS' },
    { args: { id: 'r' }, field: 'atS' }
  ],
  'runs.rename': [
    { args: { id: 'r', name: '   ' }, field: 'name' },
    { args: { id: 'r' }, field: 'name' }
  ],
  'runs.delete': [{ args: { id: '' }, field: 'id' }],
  'runs.export': [{ args: { id: 'r', path: 42 }, field: 'path' }],
  'runs.exportCsv': [{ args: { id: 'r', path: 3 }, field: 'path' }],
  'runs.import': [
    { args: { path: '' }, field: 'path' },
    { args: { path: 'a.twinrun', existing: 'merge' }, field: 'existing' }
  ],
  'runs.rerun': [{ args: { id: 'r', speed: 0 }, field: 'speed' }],
  'replay.open': [
    { args: { id: 'r', atS: -1 }, field: 'atS' },
    { args: {}, field: 'id' }
  ],
  'replay.play': [{ args: { fast: true } }],
  'replay.pause': [{ args: 1 }],
  'replay.seek': [
    { args: { timeS: -5 }, field: 'timeS' },
    { args: { timeS: '10' }, field: 'timeS' }
  ],
  'replay.setSpeed': [
    { args: { speed: 128 }, field: 'speed' },
    { args: { speed: 0.1 }, field: 'speed' }
  ],
  'replay.close': [{ args: { id: 'r' } }],
  'replay.status': [{ args: [] }],
  'scenarios.validate': [{ args: { scenario: {}, strict: true } }, { args: 3 }],
  'scenarios.save': [
    { args: { scenario: 'default' }, field: 'scenario' },
    { args: { scenario: {}, path: '' }, field: 'path' }
  ],
  'comparisons.list': [{ args: { all: true } }],
  'comparisons.run': [
    { args: {}, field: 'id' },
    { args: { id: 'x', speed: 0 }, field: 'speed' },
    { args: { id: 'x', durationS: -1 }, field: 'durationS' }
  ],
  'comparisons.cancel': [{ args: { id: 'x' } }],
  'comparisons.status': [{ args: 1 }],
  'runs.compare': [
    { args: { ids: ['a'] }, field: 'ids' },
    { args: { ids: ['a', 'b', 'c', 'd'] }, field: 'ids' },
    { args: { ids: ['a', 'a'] }, field: 'ids' }
  ],
  'validation.get': [{ args: { system: 'x' } }],
  'tours.list': [{ args: { runId: 7 }, field: 'runId' }],
  'tours.save': [
    { args: { runId: 'r', tour: { name: 't', steps: [] } }, field: 'tour.steps' },
    {
      args: {
        runId: 'r',
        tour: {
          name: 't',
          steps: [{ camera: { preset: 'hall' }, caption: 'c', metric: 'compute', kpi: 'nope' }]
        }
      },
      field: 'tour.steps.0.kpi'
    }
  ],
  'tours.delete': [{ args: { runId: 'r' }, field: 'name' }],
  'exports.save': [
    { args: { kind: 'gif', suggestedName: 'a', data: 'QUJD' }, field: 'kind' },
    { args: { kind: 'png', suggestedName: 'a', data: 'not base64!' }, field: 'data' }
  ],
  'exports.pdf': [{ args: { html: '' }, field: 'html' }]
}

describe('IPC requests', () => {
  it('answers a valid call from the app with the service envelope', async () => {
    expect(await invoke('app.info', {})).toEqual({ ok: true, value: appInfo() })
    const systems = (await invoke('systems.list', undefined)) as {
      ok: boolean
      value: { id: string }[]
    }
    expect(systems.ok).toBe(true)
    expect(systems.value.map((s) => s.id)).toContain('cloudmatrix384')
  })

  it.each([
    ['another origin', 'https://example.com/'],
    ['another twin host', 'twin://evil/index.html'],
    ['a file: page', 'file:///tmp/x.html'],
    ['a frame that has gone', null]
  ])('refuses a call from %s without reaching the service', async (_name, frameUrl) => {
    const dispatch = vi.spyOn(service, 'dispatch')
    try {
      expect(await invoke('app.info', {}, frameUrl)).toEqual({
        ok: false,
        error: UNTRUSTED_SENDER_ERROR
      })
      expect(dispatch).not.toHaveBeenCalled()
    } finally {
      dispatch.mockRestore()
    }
  })

  it('has a wrong-argument case for every method', () => {
    expect(Object.keys(wrongArguments).sort()).toEqual([...TWIN_METHODS].sort())
  })

  for (const method of TWIN_METHODS) {
    it(`${method}: wrong-typed arguments get an invalid-argument envelope`, async () => {
      for (const { args, field } of wrongArguments[method]) {
        const response = (await invoke(method, args)) as {
          ok: false
          error: Record<string, unknown>
        }
        expect(response.ok, JSON.stringify(args)).toBe(false)
        expect(response.error.code).toBe('invalid-argument')
        if (!field?.startsWith('scenario.')) expect(response.error.message).toContain(method)
        if (field) expect(response.error.field).toBe(field)
      }
    })
  }

  it.each([
    ['no.such.method'],
    [42],
    [null],
    [{ method: 'app.info' }],
    ['__proto__'],
    ['toString']
  ])('unknown method %j gets an unknown-method envelope', async (method) => {
    const response = (await invoke(method, {})) as { ok: false; error: { code: string } }
    expect(response).toMatchObject({ ok: false, error: { code: 'unknown-method' } })
  })
})

describe('frame and event port', () => {
  it('refuses a port to an untrusted frame', () => {
    const before = contents.sent.length
    fake.ipcMain.emit(IPC_PORT_REQUEST_CHANNEL, ipcEvent(contents, 'https://example.com/'))
    expect(contents.sent.length).toBe(before)
  })

  it('forwards run frames and status events to the renderer port', async () => {
    const port = requestPort()
    const status = nextMessage(port, 'event')
    const frame = nextMessage(port, 'frame')
    expect(
      await invoke('run.start', {
        scenario: {
          name: 'ipc',
          system: 'cloudmatrix384',
          durationS: 60,
          workload: {
            kind: 'synthetic',
            arrival: { kind: 'poisson', ratePerS: 20 },
            prompt: { kind: 'fixed', tokens: 500 },
            output: { kind: 'fixed', tokens: 50 }
          }
        },
        speed: 20
      })
    ).toMatchObject({
      ok: true,
      value: { state: 'running', system: 'cloudmatrix384' }
    })
    expect(await status).toMatchObject({
      kind: 'event',
      event: { type: 'run.status', status: { state: 'running' } }
    })
    const message = await frame
    if (message.kind !== 'frame') throw new Error('expected a frame')
    expect(message.frame).toBeInstanceOf(ArrayBuffer)
    expect(new DataView(message.frame).getUint32(0, true)).toBe(FRAME_MAGIC)
    await invoke('run.stop', {})
  })

  it('replaces the port when the page asks again and closes it when the page goes away', async () => {
    const first = requestPort()
    const second = requestPort()
    expect(first.other!.closed).toBe(true)
    expect(second.other!.closed).toBe(false)
    const seenByFirst = first.received.length

    const got = nextMessage(second, 'event')
    await invoke('run.start', {
      scenario: {
        name: 'ipc',
        system: 'cloudmatrix384',
        durationS: 60,
        workload: {
          kind: 'synthetic',
          arrival: { kind: 'poisson', ratePerS: 20 },
          prompt: { kind: 'fixed', tokens: 500 },
          output: { kind: 'fixed', tokens: 50 }
        }
      },
      speed: 20
    })
    await got
    await invoke('run.stop', {})

    contents.destroy()
    expect(second.other!.closed).toBe(true)
    const after = second.received.length
    await invoke('run.start', {
      scenario: {
        name: 'ipc',
        system: 'cloudmatrix384',
        durationS: 60,
        workload: {
          kind: 'synthetic',
          arrival: { kind: 'poisson', ratePerS: 20 },
          prompt: { kind: 'fixed', tokens: 500 },
          output: { kind: 'fixed', tokens: 50 }
        }
      },
      speed: 20
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    await invoke('run.stop', {})
    expect(second.received.length).toBe(after)
    expect(first.received.length).toBe(seenByFirst)
  })

  it('stops answering once the app quits', async () => {
    fake.app.emit('will-quit')
    await expect(invoke('app.info', {})).rejects.toThrow(/no handler/)
  })
})
