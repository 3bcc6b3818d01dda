import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { PortLike, PreloadIpc } from '../../../src/preload/bridge'
import { createPreloadApi } from '../../../src/preload/bridge'
import { createFilesBridge } from '../../../src/preload/files'
import type { TwinFiles } from '../../../src/shared/openFiles'
import type { TwinApi, TwinEvent } from '../../../src/shared/api'
import {
  IPC_INVOKE_CHANNEL,
  IPC_PORT_CHANNEL,
  IPC_PORT_REQUEST_CHANNEL
} from '../../../src/shared/wire'

// The preload's own `import 'electron'` gets this fake; the real module needs the binary.
const electronMock = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  ipcRenderer: null as unknown
}))
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events')
  const ipc = Object.assign(new Emitter(), { send: vi.fn(), invoke: vi.fn() })
  electronMock.ipcRenderer = ipc
  return {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => electronMock.exposed.set(key, api)
    },
    ipcRenderer: ipc,
    // Electron's: a dropped File's path; '' for a File the page made
    webUtils: {
      getPathForFile: (file: { path?: string }) => {
        if (typeof file !== 'object' || file === null) throw new TypeError('not a File')
        return file.path ?? ''
      }
    }
  }
})

/** A renderer-side ipcRenderer and MessagePort, enough to drive the bridge. */
function fakeIpc(response: unknown = { ok: true, value: 1 }) {
  const emitter = new EventEmitter()
  const ipc = {
    sent: [] as unknown[][],
    invoke: vi.fn(async (..._args: unknown[]) => response),
    send: (...args: unknown[]) => void ipc.sent.push(args),
    on: (channel: string, listener: (event: { ports: readonly PortLike[] }) => void) =>
      emitter.on(channel, listener),
    /** main sending a port, as after a port request */
    deliverPort(): PortLike & { closed: boolean; post(data: unknown): void } {
      const port = {
        onmessage: null as PortLike['onmessage'],
        closed: false,
        close: () => void (port.closed = true),
        post: (data: unknown) => port.onmessage?.({ data })
      }
      emitter.emit(IPC_PORT_CHANNEL, { ports: [port] })
      return port
    }
  }
  return ipc satisfies PreloadIpc
}

const status: TwinEvent = {
  type: 'run.status',
  status: {
    state: 'running',
    runId: 'r',
    scenarioId: 'default',
    scenarioName: 'Default',
    system: 'cloudmatrix384',
    durationS: 600,
    sampleIntervalS: 1,
    simTimeS: 0,
    framesSent: 0,
    speed: 10,
    events: [],
    summary: null,
    error: null,
    saved: false
  }
}

describe('preload bridge', () => {
  it('asks main for the frame port as soon as it loads', () => {
    const ipc = fakeIpc()
    createPreloadApi(ipc)
    expect(ipc.sent).toEqual([[IPC_PORT_REQUEST_CHANNEL]])
  })

  it('forwards invoke to the invoke channel and returns the envelope as data', async () => {
    const ipc = fakeIpc({
      ok: false,
      error: { code: 'invalid-argument', message: 'm', field: 'system' }
    })
    const api = createPreloadApi(ipc)
    const response = await api.invoke('topology.get', { system: 'cloudmatrix384' })
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, 'topology.get', {
      system: 'cloudmatrix384'
    })
    expect(response).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'm', field: 'system' }
    })
  })

  it('turns a failed IPC round trip into an unavailable envelope instead of a rejection', async () => {
    const ipc = fakeIpc()
    ipc.invoke.mockRejectedValueOnce(new Error('No handler registered'))
    const response = await createPreloadApi(ipc).invoke('app.info', {})
    expect(response).toMatchObject({ ok: false, error: { code: 'unavailable' } })
  })

  it('feeds frames and events from the port to their listeners until unsubscribed', () => {
    const ipc = fakeIpc()
    const api = createPreloadApi(ipc)
    const frames: ArrayBuffer[] = []
    const events: TwinEvent[] = []
    const offFrame = api.onFrame((frame) => frames.push(frame))
    api.onEvent((event) => events.push(event))
    api.onFrame(() => {
      throw new Error('a broken listener does not stop the others')
    })
    const port = ipc.deliverPort()
    const frame = new ArrayBuffer(8)
    vi.spyOn(console, 'error').mockImplementation(() => {})
    port.post({ kind: 'frame', frame })
    port.post({ kind: 'event', event: status })
    port.post({ kind: 'something else' })
    port.post(null)
    expect(frames).toEqual([frame])
    expect(events).toEqual([status])
    offFrame()
    port.post({ kind: 'frame', frame })
    expect(frames).toHaveLength(1)
  })

  it('closes the old port when main sends a new one', () => {
    const ipc = fakeIpc()
    const api = createPreloadApi(ipc)
    const events: TwinEvent[] = []
    api.onEvent((event) => events.push(event))
    const first = ipc.deliverPort()
    const second = ipc.deliverPort()
    expect(first.closed).toBe(true)
    second.post({ kind: 'event', event: status })
    expect(events).toHaveLength(1)
  })

  it('rejects a listener that is not a function', () => {
    const api = createPreloadApi(fakeIpc())
    expect(() => api.onFrame('nope' as unknown as () => void)).toThrow(TypeError)
  })
})

describe('preload files bridge', () => {
  it("gives a dropped file's path, and null for a file that is not on disk", () => {
    const getPathForFile = vi.fn((file: { path?: string }) => file.path ?? '')
    const files = createFilesBridge({ getPathForFile })
    expect(files.pathFor({ path: '/home/ada/run.twinrun' })).toBe('/home/ada/run.twinrun')
    expect(files.pathFor({})).toBeNull()
    expect(getPathForFile).toHaveBeenCalledTimes(2)
  })

  it('gives null, not an exception, when Electron refuses what the page passed', () => {
    const files = createFilesBridge({
      getPathForFile: () => {
        throw new TypeError('Error processing argument at index 0')
      }
    })
    expect(files.pathFor({ name: 'not a File' })).toBeNull()
  })
})

describe('preload entry', () => {
  it('exposes exactly window.twin with the TwinApi functions, and window.twinFiles', async () => {
    await import('../../../src/preload/index')
    expect([...electronMock.exposed.keys()]).toEqual(['twin', 'twinFiles'])
    const files = electronMock.exposed.get('twinFiles') as TwinFiles
    expect(Object.keys(files)).toEqual(['pathFor'])
    expect(files.pathFor({ path: '/d/s.json' })).toBe('/d/s.json')
    expect(files.pathFor({})).toBeNull()
    const api = electronMock.exposed.get('twin') as TwinApi
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent', 'onFrame'])
    const ipc = electronMock.ipcRenderer as { send: ReturnType<typeof vi.fn> }
    expect(ipc.send).toHaveBeenCalledWith(IPC_PORT_REQUEST_CHANNEL)
  })
})
