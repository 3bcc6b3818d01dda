import { EventEmitter } from 'node:events'
import { existsSync } from 'node:fs'
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
  /** the normal (unmaximized) bounds; tests move the window by setting them and emitting 'move' */
  normalBounds = { x: 0, y: 0, width: 1600, height: 900 }
  maximized = false
  minimized = false
  focused = false
  destroyed = false
  getNormalBounds() {
    return { ...this.normalBounds }
  }
  isMaximized(): boolean {
    return this.maximized
  }
  maximize(): void {
    this.maximized = true
    this.emit('maximize')
  }
  isMinimized(): boolean {
    return this.minimized
  }
  restore(): void {
    this.minimized = false
  }
  focus(): void {
    this.focused = true
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

/** Menu: keeps the template it was built from, so tests can read and click it. */
export class FakeMenu {
  static current: FakeMenu | null = null
  static builds = 0
  constructor(readonly template: MenuItem[]) {}
  // `this`: each fake Electron has its own Menu subclass, so tests do not share menus
  static buildFromTemplate(this: typeof FakeMenu, template: MenuItem[]): FakeMenu {
    this.builds++
    return new FakeMenu(template)
  }
  static setApplicationMenu(this: typeof FakeMenu, menu: FakeMenu | null): void {
    this.current = menu
  }
  /** the item reached by labels or roles, e.g. item('File', 'Recent Runs') */
  item(...path: string[]): MenuItem {
    let items = this.template
    let found: MenuItem | undefined
    for (const name of path) {
      found = items.find((i) => (i.label ?? i.role)?.replace('&', '') === name)
      if (!found) throw new Error(`no menu item '${name}' in ${path.join(' > ')}`)
      items = (found.submenu as MenuItem[] | undefined) ?? []
    }
    return found!
  }
}

export interface MenuItem {
  label?: string
  role?: string
  type?: string
  id?: string
  accelerator?: string
  enabled?: boolean
  click?: () => unknown
  submenu?: MenuItem[]
}

/** dialog: records what was shown; `answers` says what the user picks next. */
export class FakeDialog {
  readonly errors: { title: string; content: string }[] = []
  readonly messages: Record<string, unknown>[] = []
  readonly openDialogs: Record<string, unknown>[] = []
  answers = { open: { canceled: true, filePaths: [] as string[] } }
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content })
  }
  /** Electron's two overloads: (window, options) and (options) */
  showMessageBox(...args: unknown[]): Promise<{ response: number }> {
    this.messages.push(args.at(-1) as Record<string, unknown>)
    return Promise.resolve({ response: 0 })
  }
  showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.openDialogs.push(args.at(-1) as Record<string, unknown>)
    return Promise.resolve(this.answers.open)
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
    static getFocusedWindow = (): FakeBrowserWindow | null => windows.find((w) => w.focused) ?? null
    constructor(options: Record<string, unknown>) {
      super(options, app, defaultSession)
      windows.push(this)
    }
  } as {
    new (options: Record<string, unknown>): FakeBrowserWindow
    getAllWindows(): FakeBrowserWindow[]
    getFocusedWindow(): FakeBrowserWindow | null
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
    openedPaths: [] as string[],
    openExternal(url: string): Promise<void> {
      shell.opened.push(url)
      return Promise.resolve()
    },
    /** resolves with an error message, or '' when the OS opened the file */
    openPath(path: string): Promise<string> {
      shell.openedPaths.push(path)
      return Promise.resolve(existsSync(path) ? '' : 'Failed to open path')
    }
  }
  /** work areas, primary first; tests replace them to unplug a monitor */
  const screen = {
    displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1050 } }],
    getPrimaryDisplay: () => screen.displays[0]!,
    getAllDisplays: () => [...screen.displays]
  }
  const Menu = class extends FakeMenu {}
  Menu.current = null
  Menu.builds = 0

  const fake = {
    app,
    BrowserWindow,
    ipcMain: new FakeIpcMain(),
    session: { defaultSession },
    shell,
    protocol: new FakeProtocol(app),
    net,
    MessageChannelMain: FakeMessageChannelMain,
    dialog: new FakeDialog(),
    Menu,
    screen
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
