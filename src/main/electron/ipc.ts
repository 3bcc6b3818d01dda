import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron'
import type { TwinErrorData } from '../../shared/errors'
import type { PortMessage } from '../../shared/wire'
import { IPC_INVOKE_CHANNEL, IPC_PORT_CHANNEL, IPC_PORT_REQUEST_CHANNEL } from '../../shared/wire'
import type { TwinService } from '../services/twinService'
import type { DesktopElectron } from './types'
import { isAppUrl } from './origin'

export interface TwinIpcDeps {
  ipcMain: DesktopElectron['ipcMain']
  MessageChannelMain: DesktopElectron['MessageChannelMain']
  service: TwinService
  appOrigin: string
}

/** What an untrusted caller gets back: an envelope like any refused call, never a throw. */
export const UNTRUSTED_SENDER_ERROR: TwinErrorData = {
  code: 'unavailable',
  message: 'twin: refused a call from a frame that is not the app'
}

/**
 * True when the IPC message comes from a frame showing the app itself. A frame that navigated
 * away or was destroyed has no senderFrame, and is refused too.
 */
export function isTrustedSender(
  event: IpcMainEvent | IpcMainInvokeEvent,
  appOrigin: string
): boolean {
  try {
    const url = event.senderFrame?.url
    return typeof url === 'string' && isAppUrl(url, appOrigin)
  } catch {
    return false // senderFrame throws for a frame that is already gone
  }
}

/**
 * Connects the renderer to the service: requests over `ipcMain.handle` (the response envelope
 * is the return value), frames and events over a MessagePort per webContents, so the hot path
 * never goes through the request channel. Returns a function that undoes it all.
 */
export function registerTwinIpc(deps: TwinIpcDeps): () => void {
  const { ipcMain, MessageChannelMain, service, appOrigin } = deps
  const ports = new Map<number, () => void>()

  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method: unknown, args: unknown) => {
    if (!isTrustedSender(event, appOrigin)) {
      return Promise.resolve({ ok: false, error: UNTRUSTED_SENDER_ERROR })
    }
    return service.dispatch(method, args)
  })

  const openPort = (event: IpcMainEvent): void => {
    if (!isTrustedSender(event, appOrigin)) {
      console.warn('twin: refused a port request from a frame that is not the app')
      return
    }
    const contents = event.sender
    const id = contents.id
    ports.get(id)?.() // a reloaded page asks again; the old port has no reader any more
    const { port1, port2 } = new MessageChannelMain()
    const post = (message: PortMessage): void => port1.postMessage(message)
    const offFrame = service.onFrame((frame) => post({ kind: 'frame', frame }))
    const offEvent = service.onEvent((twinEvent) => post({ kind: 'event', event: twinEvent }))
    const close = (): void => {
      offFrame()
      offEvent()
      port1.close()
      contents.off('destroyed', close)
      if (ports.get(id) === close) ports.delete(id)
    }
    ports.set(id, close)
    contents.once('destroyed', close)
    contents.postMessage(IPC_PORT_CHANNEL, null, [port2])
  }
  ipcMain.on(IPC_PORT_REQUEST_CHANNEL, openPort)

  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL)
    ipcMain.off(IPC_PORT_REQUEST_CHANNEL, openPort)
    for (const close of [...ports.values()]) close()
  }
}
