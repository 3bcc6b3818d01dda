import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { App } from '../../../src/renderer/src/App'
import type { HallProps } from '../../../src/renderer/src/scene/Hall'
import { type FakeLibrary, fakeTwin } from '../fakeTwin'

function StubHall() {
  return <div data-testid="hall" />
}
const Hall = StubHall as (props: HallProps) => React.JSX.Element

/** renders the app on a fake twin with these saved runs, once its default run is under way */
export async function appWith(
  library: FakeLibrary = {},
  overrides: Parameters<typeof fakeTwin>[0] = {}
) {
  const twin = fakeTwin(overrides, library)
  render(<App connect={() => twin.api} hall={Hall} />)
  await screen.findByText('running')
  twin.invoke.mockClear()
  return twin
}

/** a click as the mouse makes it (detail 1), letting the async replies settle */
export async function click(element: HTMLElement) {
  await act(async () => {
    fireEvent.click(element, { detail: 1 })
  })
}

export async function press(
  key: string,
  target: Element = document.activeElement ?? document.body
) {
  await act(async () => {
    fireEvent.keyDown(target, { key })
  })
}

export async function openLibrary() {
  await click(screen.getByRole('button', { name: 'Run library' }))
  return screen.findByRole('dialog', { name: 'Run library' })
}

export const libraryPanel = () => screen.queryByRole('dialog', { name: 'Run library' })

/** the library's row of a run, once the list has arrived */
export async function row(name: string) {
  const list = await screen.findByRole('list', { name: 'Saved runs' })
  return within(list).getByRole('listitem', { name })
}
