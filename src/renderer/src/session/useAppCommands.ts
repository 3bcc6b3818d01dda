import { useEffect, useLayoutEffect, useRef } from 'react'
import type { AppCommand, TwinApi } from '../../../shared/api'

/**
 * Commands from the desktop shell (menu, command line, OS) reach the view as `app.command`
 * events; `handle` always sees the app's current state (held in a ref, not re-subscribed).
 */
export function useAppCommands(api: TwinApi | null, handle: (command: AppCommand) => void): void {
  const handleRef = useRef(handle)
  // as useShortcuts: a command arriving right after a render meets that render's state
  useLayoutEffect(() => {
    handleRef.current = handle
  })
  useEffect(() => {
    if (!api) return
    return api.onEvent((event) => {
      if (event.type === 'app.command') handleRef.current(event.command)
    })
  }, [api])
}
