import { describe, expect, it, vi } from 'vitest'
import { startDesktopApp } from '../../../src/main/electron/app'
import type { TwinService } from '../../../src/main/services/twinService'
import { IPC_INVOKE_CHANNEL } from '../../../src/shared/wire'
import { createFakeElectron } from './fakeElectron'

function start(platform: NodeJS.Platform) {
  const service = { dispose: vi.fn(async () => {}) } as unknown as TwinService
  const fake = createFakeElectron()
  const desktop = startDesktopApp(fake.electron, {
    service,
    rendererDir: '/r',
    preloadPath: '/p.cjs',
    platform
  })
  return { fake, desktop, service }
}

describe('app lifecycle', () => {
  it('opens one window once ready, not before', async () => {
    const { fake, desktop } = start('linux')
    expect(fake.windows).toHaveLength(0)
    await fake.ready()
    await desktop.window
    expect(fake.windows).toHaveLength(1)
  })

  it('quits when the last window closes, except on macOS', () => {
    const linux = start('linux')
    linux.fake.app.emit('window-all-closed')
    expect(linux.fake.app.quitCalls).toBe(1)
    const mac = start('darwin')
    mac.fake.app.emit('window-all-closed')
    expect(mac.fake.app.quitCalls).toBe(0)
  })

  it('reopens a window on activate only when ready and none is open', async () => {
    const { fake, desktop } = start('darwin')
    fake.app.emit('activate')
    expect(fake.windows).toHaveLength(0)
    await fake.ready()
    await desktop.window
    fake.app.emit('activate')
    expect(fake.windows).toHaveLength(1)
  })

  it('releases IPC and the service when quitting', async () => {
    const { fake, service } = start('linux')
    expect(fake.ipcMain.listenerCount('twin:port-request')).toBe(1)
    fake.app.emit('will-quit')
    expect(service.dispose).toHaveBeenCalledOnce()
    expect(fake.ipcMain.listenerCount('twin:port-request')).toBe(0)
    await expect(fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, {})).rejects.toThrow(/no handler/)
  })
})
