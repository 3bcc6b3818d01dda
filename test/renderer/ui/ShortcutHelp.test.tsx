import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { ShortcutHelp } from '../../../src/renderer/src/ui/ShortcutHelp'
import {
  SHORTCUTS,
  ariaKeyShortcuts,
  shortcutHandlers
} from '../../../src/renderer/src/ui/shortcuts'

function Harness() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Shortcuts
      </button>
      <ShortcutHelp open={open} onClose={() => setOpen(false)} />
    </>
  )
}

function openHelp() {
  render(<Harness />)
  const opener = screen.getByRole('button', { name: 'Shortcuts' })
  opener.focus()
  fireEvent.click(opener)
  return { opener, dialog: screen.getByRole('dialog', { name: 'Keyboard shortcuts' }) }
}

describe('ShortcutHelp', () => {
  it('renders nothing while closed', () => {
    render(<ShortcutHelp open={false} onClose={() => {}} />)
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('opens as a labelled modal dialog listing every shortcut, focus inside', () => {
    const { dialog } = openHelp()
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    for (const s of SHORTCUTS)
      expect(dialog.querySelector(`[data-shortcut="${s.id}"]`)).toHaveTextContent(
        `${s.label}${s.action}`
      )
    expect(screen.getByRole('button', { name: 'Close the keyboard shortcuts' })).toHaveFocus()
  })

  it('keeps Tab and Shift+Tab inside the dialog', () => {
    const { dialog } = openHelp()
    const close = screen.getByRole('button', { name: 'Close the keyboard shortcuts' })
    const list = screen.getByRole('region', { name: 'Shortcut list' })
    list.focus()
    fireEvent.keyDown(list, { key: 'Tab' })
    expect(close).toHaveFocus()
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true })
    expect(list).toHaveFocus()
    expect(dialog.contains(document.activeElement)).toBe(true)
  })

  it('closes on Escape, without the window acting on it, and gives focus back', () => {
    const { opener, dialog } = openHelp()
    const onWindow = vi.fn((event: KeyboardEvent) => event.defaultPrevented)
    window.addEventListener('keydown', onWindow)
    fireEvent.keyDown(dialog, { key: 'Escape' })
    window.removeEventListener('keydown', onWindow)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(opener).toHaveFocus()
    expect(onWindow).not.toHaveBeenCalled()
  })

  it('closes on the close button and on a click outside', () => {
    openHelp()
    fireEvent.click(screen.getByRole('button', { name: 'Close the keyboard shortcuts' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Shortcuts' }))
    fireEvent.mouseDown(screen.getByRole('dialog').parentElement!)
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})

describe('shortcuts', () => {
  it('gives every key one shortcut at most (in each mode: the app, present mode)', () => {
    for (const mode of [undefined, 'present']) {
      const keys = SHORTCUTS.filter((s) => s.mode === mode).flatMap((s) => s.keys)
      expect(new Set(keys).size).toBe(keys.length)
    }
  })

  it('binds handlers by key for useShortcuts, leaving Space to its own hook', () => {
    const library = () => {}
    const play = () => {}
    const byKey = shortcutHandlers({ library, playPause: play })
    expect(byKey).toEqual({ l: library, L: library })
    expect(ariaKeyShortcuts('nextMetric')).toBe('M')
    expect(ariaKeyShortcuts('playPause')).toBe('Space')
    expect(ariaKeyShortcuts('search')).toBe('/')
  })
})
