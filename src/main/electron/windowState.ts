import {
  loadWindowState,
  placeWindow,
  saveWindowState,
  WindowStateSaver,
  type WindowPlacement
} from '../services/windowState'
import type { BrowserWindow, DesktopElectron } from './types'
import { MAIN_WINDOW_SIZE } from './window'

/**
 * Where the main window opens: as it was left, on a display that is still there; undefined
 * the first time (or when the file is unusable), for the window's own defaults.
 */
export function savedPlacement(
  screen: DesktopElectron['screen'],
  path: string
): WindowPlacement | undefined {
  const saved = loadWindowState(path)
  if (!saved) return undefined
  const primary = screen.getPrimaryDisplay()
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id)
  const screens = [primary, ...others].map((display) => display.workArea)
  return placeWindow(saved, screens, MAIN_WINDOW_SIZE)
}

/**
 * Saves the window's bounds while it moves or resizes (debounced) and when it closes. The
 * normal bounds are kept while maximized or full screen, so un-maximizing after a restart
 * returns to them.
 */
export function rememberWindowState(window: BrowserWindow, path: string): void {
  const saver = new WindowStateSaver(() => {
    if (window.isDestroyed()) return
    saveWindowState(path, { bounds: window.getNormalBounds(), maximized: window.isMaximized() })
  })
  const changed = (): void => saver.changed()
  window.on('move', changed)
  window.on('resize', changed)
  window.on('maximize', changed)
  window.on('unmaximize', changed)
  window.on('close', () => saver.flush())
}
