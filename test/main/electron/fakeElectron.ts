import { EventEmitter } from 'node:events'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { DesktopElectron } from '../../../src/main/electron/types'
import { FakeMessageChannelMain, FakeSession, FakeWebContents } from './fakeParts'

export * from './fakeParts'

/**
 * A small stand-in for the parts of Electron the glue uses, so the glue runs in plain Node.
 * Behaviour follows Electron's documented contracts (events, handler signatures, what must
 * happen before ready); helpers such as `navigate`, `invoke` and `request` play the
 * renderer's side.
 */

export class FakeApp extends EventEmitter {
  sandboxEnabled = false
  quitCalls = 0
  private ready = false
  private resolveReady: () => void = () => {}
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve))

  constructor(readonly isPackaged: boolean) {
    super()
  }
  enableSandbox(): void {
    if (this.ready) throw new Error('enableSandbox must be called before ready')
    this.sandboxEnabled = true
  }
  whenReady(): Promise<void> {
    return this.readyPromise
  }
  isReady(): boolean {
    return this.ready
  }
  quit(): void {
    this.quitCalls++
  }
  exit(): void {}
  /** fires Electron's ready */
  fireReady(): Promise<void> {
    this.ready = true
    this.resolveReady()
    return this.readyPromise
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents
  loadedUrl: string | null = null
  shown = false
  constructor(
    readonly options: Record<string, unknown>,
    app: FakeApp,
    session: FakeSession
  ) {
    super()
    this.webContents = new FakeWebContents(session)
    app.emit('web-contents-created', {}, this.webContents)
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    this.webContents.url = url
    return Promise.resolve()
  }
  show(): void {
    this.shown = true
  }
}

type Handler = (...args: unknown[]) => unknown

export class FakeIpcMain extends EventEmitter {
  private readonly handlers = new Map<string, Handler>()
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, handler)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  /** what ipcRenderer.invoke would resolve with (the result is cloned, as over IPC) */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`no handler for ${channel}`)
    return structuredClone(await handler(event, ...args))
  }
}

type SchemeHandler = (request: Request) => Response | Promise<Response>

export class FakeProtocol {
  readonly privileged: unknown[] = []
  private readonly schemes = new Map<string, SchemeHandler>()
  constructor(private readonly app: FakeApp) {}
  registerSchemesAsPrivileged(customSchemes: unknown[]): void {
    if (this.app.isReady()) throw new Error('registerSchemesAsPrivileged must run before ready')
    this.privileged.push(...customSchemes)
  }
  handle(scheme: string, handler: SchemeHandler): void {
    this.schemes.set(scheme, handler)
  }
  /** what the renderer would get for `url` */
  async request(url: string, init?: RequestInit): Promise<Response> {
    const handler = this.schemes.get(new URL(url).protocol.slice(0, -1))
    if (!handler) throw new Error(`no handler for ${url}`)
    return handler(new Request(url, init))
  }
}

export function createFakeElectron({ isPackaged = false } = {}) {
  const defaultSession = new FakeSession()
  const app = new FakeApp(isPackaged)
  const windows: FakeBrowserWindow[] = []
  const BrowserWindow = class extends FakeBrowserWindow {
    static getAllWindows = (): FakeBrowserWindow[] => [...windows]
    constructor(options: Record<string, unknown>) {
      super(options, app, defaultSession)
      windows.push(this)
    }
  } as {
    new (options: Record<string, unknown>): FakeBrowserWindow
    getAllWindows(): FakeBrowserWindow[]
  }

  const net = {
    /** file: URLs only, failing like Chromium's loader for a missing file */
    async fetch(url: string): Promise<Response> {
      if (!url.startsWith('file:')) throw new Error(`fake net.fetch only reads files: ${url}`)
      return new Response(await readFile(fileURLToPath(url)), { status: 200 })
    }
  }
  const shell = {
    opened: [] as string[],
    openExternal(url: string): Promise<void> {
      shell.opened.push(url)
      return Promise.resolve()
    }
  }

  const fake = {
    app,
    BrowserWindow,
    ipcMain: new FakeIpcMain(),
    session: { defaultSession },
    shell,
    protocol: new FakeProtocol(app),
    net,
    MessageChannelMain: FakeMessageChannelMain
  }
  return {
    ...fake,
    windows,
    /** the fake, typed as the real thing for the glue */
    electron: fake as unknown as DesktopElectron,
    ready: () => app.fireReady()
  }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>
