import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { App } from '../../../src/renderer/src/App'
import type { HallProps } from '../../../src/renderer/src/scene/Hall'
import { recordingCharts } from '../chartRecorder'
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
  const charts = recordingCharts()
  render(<App connect={() => twin.api} hall={Hall} charts={charts.factory} />)
  await screen.findByText('running')
  twin.invoke.mockClear()
  return Object.assign(twin, { charts })
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

/** the switch of the left column (the scenario picker and the run library), in the top bar */
export const leftColumnToggle = () =>
  screen.getByRole('button', { name: 'Scenarios and run library' })

export const libraryPanel = () => screen.queryByRole('region', { name: 'Run library' })

/** the run library in the left column, opening the column if it was closed */
export async function openLibrary() {
  if (!libraryPanel()) await click(leftColumnToggle())
  return screen.findByRole('region', { name: 'Run library' })
}

/** the library's row of a run, once the list has arrived */
export async function row(name: string) {
  const list = await screen.findByRole('list', { name: 'Saved runs' })
  return within(list).getByRole('listitem', { name })
}
