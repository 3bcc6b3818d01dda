import { useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useShortcuts } from '../../../src/renderer/src/ui/useShortcuts'

/**
 * A component whose shortcut depends on state that arrives asynchronously (as the app's does:
 * `ready` comes from the twin's reply). It renders outside act, as the real app does, so React
 * commits in one task and runs passive effects in a later one.
 */
function Loading({ onKey }: { onKey(ready: boolean): void }) {
  const [ready, setReady] = useState(false)
  useEffect(() => {
    void Promise.resolve().then(() => setReady(true))
  }, [])
  useShortcuts({ l: () => onKey(ready) })
  return <p data-ready={ready}>{ready ? 'ready' : 'loading'}</p>
}

let container: HTMLDivElement
beforeEach(() => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false
  container = document.createElement('div')
  document.body.append(container)
})
afterEach(() => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
  container.remove()
})

describe('window shortcuts', () => {
  it('a key pressed as soon as a render is on screen meets that render’s handler', async () => {
    const seen: boolean[] = []
    const root = createRoot(container)
    // the key is pressed the moment the page shows "ready": a microtask after the commit,
    // before React's passive effects get their task
    const pressed = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (container.querySelector('[data-ready="true"]')) {
          observer.disconnect()
          window.dispatchEvent(new KeyboardEvent('keydown', { key: 'l' }))
          resolve()
        }
      })
      observer.observe(container, { subtree: true, childList: true, attributes: true })
    })
    root.render(<Loading onKey={(ready) => seen.push(ready)} />)
    await pressed
    expect(seen).toEqual([true])
    root.unmount()
  })
})
