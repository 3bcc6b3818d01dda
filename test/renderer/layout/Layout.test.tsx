import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { THEME_KEY } from '../../../src/renderer/src/layout/theme'
import type { HallProps } from '../../../src/renderer/src/scene/Hall'
import { ViewState } from '../../../src/renderer/src/view/viewState'
import { recordingCharts } from '../chartRecorder'
import { fakeTwin } from '../fakeTwin'
import { appWith, click, press } from '../library/appHarness'

function StubHall({ view }: HallProps) {
  return <div data-testid="hall">{view ? 'with view' : 'no view'}</div>
}
const Hall = StubHall as (props: HallProps) => React.JSX.Element

/** the page's prefers-color-scheme, as matchMedia reports it (jsdom has none) */
function systemPrefers(scheme: 'light' | 'dark') {
  const listeners = new Set<() => void>()
  const query = {
    get matches() {
      return scheme === 'light'
    },
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l)
  }
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (media: string) => {
      expect(media).toBe('(prefers-color-scheme: light)')
      return query
    }
  })
  return {
    change(next: 'light' | 'dark') {
      scheme = next
      act(() => listeners.forEach((l) => l()))
    }
  }
}

async function renderApp(view = new ViewState()) {
  const twin = fakeTwin()
  render(
    <App connect={() => twin.api} hall={Hall} charts={recordingCharts().factory} view={view} />
  )
  await screen.findByText('running')
  return { twin, view }
}

const theme = () => document.documentElement.dataset.theme
const themeSwitch = () => screen.getByRole('switch', { name: 'Light theme' })

afterEach(() => {
  delete (window as { matchMedia?: unknown }).matchMedia
})

describe('layout', () => {
  it('puts the hall in the centre, scenario and runs left, KPIs and charts right, the timeline below', async () => {
    await appWith()
    const banner = screen.getByRole('banner')
    expect(banner).toHaveTextContent('Supernode Twin')
    const left = screen.getByRole('complementary', { name: 'Scenarios and saved runs' })
    expect(within(left).getByRole('combobox', { name: 'Scenario' })).toBeInTheDocument()
    expect(within(left).getByRole('region', { name: 'Run library' })).toBeInTheDocument()
    const main = screen.getByRole('main', { name: '3D hall' })
    expect(within(main).getByTestId('hall')).toBeInTheDocument()
    const right = screen.getByRole('complementary', { name: 'Inspector, KPIs and charts' })
    for (const name of ['Key figures', 'KPI charts', 'Run events']) {
      expect(within(right).getByRole('region', { name })).toBeInTheDocument()
    }
    const timeline = screen.getByRole('region', { name: 'Timeline' })
    expect(within(timeline).getByRole('group', { name: 'Run controls' })).toBeInTheDocument()
    // in reading order: top bar, left, hall, right, timeline
    const order = [banner, left, main, right, timeline]
    for (let i = 1; i < order.length; i++) {
      expect(order[i - 1]!.compareDocumentPosition(order[i]!)).toBe(
        Node.DOCUMENT_POSITION_FOLLOWING
      )
    }
  })

  it('hides and shows the right column, leaving the hall the room', async () => {
    await appWith()
    const toggle = screen.getByRole('button', { name: 'KPIs and charts' })
    expect(toggle).toHaveAttribute('aria-expanded', 'true')
    expect(toggle).toHaveAttribute('aria-controls', 'right-column')
    expect(document.getElementById('right-column')).toBeInTheDocument()
    await click(toggle)
    expect(toggle).toHaveAttribute('aria-expanded', 'false')
    expect(screen.queryByRole('region', { name: 'Key figures' })).not.toBeInTheDocument()
    expect(screen.getByTestId('hall')).toBeInTheDocument()
    // both columns away: the hall has the whole window between the bars
    await click(screen.getByRole('button', { name: 'Scenarios and run library' }))
    expect(screen.queryByRole('complementary', { name: /KPIs|saved runs/ })).toBeNull()
    await click(toggle)
    expect(screen.getByRole('region', { name: 'Key figures' })).toBeInTheDocument()
  })

  it('gives the hall the app’s one view state', async () => {
    await renderApp()
    expect(screen.getByTestId('hall')).toHaveTextContent('with view')
  })
})

describe('themes', () => {
  it('starts dark without a system preference', async () => {
    const { view } = await renderApp()
    expect(theme()).toBe('dark')
    expect(view.get().theme).toBe('dark')
    expect(themeSwitch()).toHaveAttribute('aria-checked', 'false')
  })

  it('follows the system’s light setting, and its changes, until the user chooses', async () => {
    const system = systemPrefers('light')
    const { view } = await renderApp()
    expect(theme()).toBe('light')
    expect(view.get().theme).toBe('light')
    system.change('dark')
    expect(theme()).toBe('dark')
    await click(themeSwitch())
    expect(theme()).toBe('light')
    // chosen now: the system no longer decides
    system.change('dark')
    expect(theme()).toBe('light')
  })

  it('switches with its button and with T, writing the view state, and remembers the choice', async () => {
    const { view } = await renderApp()
    await click(themeSwitch())
    expect(theme()).toBe('light')
    expect(view.get().theme).toBe('light')
    expect(themeSwitch()).toHaveAttribute('aria-checked', 'true')
    expect(localStorage.getItem(THEME_KEY)).toBe('light')

    await press('t', document.body)
    expect(theme()).toBe('dark')
    expect(view.get().theme).toBe('dark')
    expect(localStorage.getItem(THEME_KEY)).toBe('dark')
    await press('T', document.body)
    expect(theme()).toBe('light')

    // T types in a text field
    const field = document.createElement('input')
    document.body.append(field)
    await press('t', field)
    expect(theme()).toBe('light')
    field.remove()
  })

  it('starts in the remembered theme, whatever the system prefers', async () => {
    systemPrefers('dark')
    localStorage.setItem(THEME_KEY, 'light')
    const { view } = await renderApp()
    expect(theme()).toBe('light')
    expect(view.get().theme).toBe('light')
  })

  it('ignores a remembered value it does not know', async () => {
    localStorage.setItem(THEME_KEY, 'sepia')
    await renderApp()
    expect(theme()).toBe('dark')
  })

  it('is labelled for screen readers, with its key', async () => {
    await renderApp()
    expect(themeSwitch()).toHaveAttribute('aria-keyshortcuts', 'T')
    fireEvent.click(themeSwitch(), { detail: 0 })
    expect(themeSwitch()).toHaveTextContent('Light')
  })
})
