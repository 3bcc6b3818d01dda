import { EventEmitter } from 'node:events'

/** Sessions, webContents and message ports of the fake Electron (see fakeElectron.ts). */

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void
) => void
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void
) => void

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null
  headersListener: HeadersListener | null = null
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener
    }
  }
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = handler
  }
  /** what the page would get for `permission`: the request handler's answer */
  request(permission: string): boolean {
    let granted: boolean | undefined
    this.permissionRequestHandler?.(null, permission, (answer) => (granted = answer))
    if (granted === undefined) throw new Error('permission callback not called')
    return granted
  }
  /** the response headers after the webRequest listener ran */
  headers(url: string, responseHeaders: Record<string, string[]> = {}): Record<string, string[]> {
    let result: Record<string, string[]> | undefined
    this.headersListener?.({ url, responseHeaders }, (response) => {
      result = response.responseHeaders ?? responseHeaders
    })
    if (!result) throw new Error('onHeadersReceived callback not called')
    return result
  }
}

export class FakePortMain extends EventEmitter {
  other: FakePortMain | null = null
  closed = false
  readonly received: unknown[] = []
  postMessage(message: unknown): void {
    if (this.closed || !this.other || this.other.closed) return
    const data = structuredClone(message) // ports copy, as Electron's do
    this.other.received.push(data)
    this.other.emit('message', { data, ports: [] })
  }
  start(): void {}
  close(): void {
    this.closed = true
    this.emit('close')
  }
}

export class FakeMessageChannelMain {
  readonly port1 = new FakePortMain()
  readonly port2 = new FakePortMain()
  constructor() {
    this.port1.other = this.port2
    this.port2.other = this.port1
  }
}

let nextContentsId = 1

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++
  url = ''
  destroyed = false
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  readonly sent: { channel: string; message: unknown; transfer: FakePortMain[] }[] = []
  constructor(readonly session: FakeSession) {
    super()
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  postMessage(channel: string, message: unknown, transfer: FakePortMain[] = []): void {
    this.sent.push({ channel, message, transfer })
  }
  /** fires `event` like Electron does; true when the glue let it proceed */
  private fire(event: string, url: string): boolean {
    let prevented = false
    this.emit(event, { url, preventDefault: () => (prevented = true) }, url)
    return !prevented
  }
  navigate(url: string): boolean {
    return this.fire('will-navigate', url)
  }
  redirect(url: string): boolean {
    return this.fire('will-redirect', url)
  }
  attachWebview(): boolean {
    return this.fire('will-attach-webview', '')
  }
  openWindow(url: string): { action: string } {
    if (!this.windowOpenHandler) throw new Error('no window open handler')
    return this.windowOpenHandler({ url })
  }
  destroy(): void {
    this.destroyed = true
    this.emit('destroyed')
  }
}

/** An IPC event as main sees it; `frameUrl: null` is a frame that has gone away. */
export function ipcEvent(sender: FakeWebContents, frameUrl: string | null) {
  return { sender, senderFrame: frameUrl === null ? null : { url: frameUrl }, ports: [] }
}
