import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { App } from '../../../src/renderer/src/App'
import type { HallProps } from '../../../src/renderer/src/scene/Hall'
import { ViewState } from '../../../src/renderer/src/view/viewState'
import { recordingCharts } from '../chartRecorder'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { twinStats } from '../../../src/renderer/src/twinStats'
import { DIE_METRICS } from '../../../src/renderer/src/view/dieMetrics'
import { TOUR_METRICS, type Tour } from '../../../src/shared/tour'
import { appWith, click, press } from '../library/appHarness'
import { fakeTwin, savedRun } from '../fakeTwin'
import { builtInTour, fakeTours } from './fakeTours'

afterEach(() => {
  vi.useRealTimers()
})

const present = () => screen.queryByRole('region', { name: 'Present mode' })
const caption = () => screen.getByTestId('present-caption').textContent
const StubHall = (() => <div data-testid="hall" />) as unknown as (
  props: HallProps
) => React.JSX.Element

async function presentingApp(
  saved: Record<string, Tour[]> = {},
  runs = [savedRun({ id: 'r1', name: 'Decode at 96' })]
) {
  const tours = fakeTours(saved)
  const twin = await appWith({ runs }, tours.overrides as never)
  return { twin, tours }
}

describe('present mode', () => {
  it('lists the same die metrics as the renderer', () => {
    expect([...TOUR_METRICS]).toEqual([...DIE_METRICS])
  })

  it('P enters, the arrows and Space step through the built-in tour, Esc leaves', async () => {
    const { twin } = await presentingApp()
    await press('p', document.body)
    expect(await screen.findByTestId('present-caption')).toBeTruthy()
    expect(document.documentElement.dataset.presenting).toBe('true')
    const steps = builtInTour.steps.length
    expect(twinStats().present).toEqual({ active: true, step: 0, steps })
    expect(caption()).toBe(builtInTour.steps[0]!.caption)
    expect(screen.getByTestId('present-kpi').dataset.kpi).toBe(builtInTour.steps[0]!.kpi)

    await press('ArrowRight')
    expect(caption()).toBe(builtInTour.steps[1]!.caption)
    await press(' ')
    expect(twinStats().present.step).toBe(2)
    expect(twinStats().present.active).toBe(true)
    await press('ArrowLeft')
    expect(twinStats().present.step).toBe(1)
    for (let i = 1; i < steps + 2; i++) await press('ArrowRight')
    expect(twinStats().present.step).toBe(steps - 1)
    expect(screen.getByText(/end of the tour/)).toBeTruthy()

    // while presenting, the app's own keys do nothing: no pause, no metric change, no help
    const metric = twinStats().metric
    twin.invoke.mockClear()
    await press('m')
    await press('?')
    expect(twin.methods()).not.toContain('run.pause')
    expect(screen.queryByRole('dialog', { name: /shortcuts/i })).toBeNull()

    await press('Escape')
    expect(present()).toBeNull()
    expect(document.documentElement.dataset.presenting).toBeUndefined()
    expect(twinStats().present).toEqual({ active: false, step: 0, steps: 0 })
    // Esc left present mode and nothing else: the run goes on
    expect(screen.getByText('running')).toBeTruthy()
    expect(twinStats().metric).toBe(metric)
  })

  it('colours and flies to what each step names', async () => {
    const view = new ViewState()
    const twin = fakeTwin(fakeTours().overrides as never, { runs: [] })
    render(
      <App
        connect={() => twin.api}
        hall={StubHall}
        charts={recordingCharts().factory}
        view={view}
      />
    )
    await screen.findByText('running')
    await click(screen.getByRole('button', { name: 'Present' }))
    await screen.findByTestId('present-caption')
    for (let i = 0; i < builtInTour.steps.length; i++) {
      const step = builtInTour.steps[i]!
      expect(twinStats().present.step).toBe(i)
      const { metric, camera } = view.get()
      expect({ metric, preset: camera.preset, part: camera.part }).toEqual({
        metric: step.metric,
        preset: step.camera.preset,
        part: step.camera.part
      })
      await press('ArrowRight')
    }
  })

  it('plays by itself with A, one dwell per step, and stops at the end', async () => {
    await presentingApp()
    await press('P', document.body)
    await screen.findByTestId('present-caption')
    vi.useFakeTimers()
    await press('a')
    expect(screen.getByRole('button', { name: 'Stop' }).getAttribute('aria-pressed')).toBe('true')
    await act(async () => {
      vi.advanceTimersByTime(7900)
    })
    expect(twinStats().present.step).toBe(0)
    await act(async () => {
      vi.advanceTimersByTime(200)
    })
    expect(twinStats().present.step).toBe(1)
    for (let i = 0; i < builtInTour.steps.length + 2; i++) {
      await act(async () => {
        vi.advanceTimersByTime(8000)
      })
    }
    expect(twinStats().present.step).toBe(builtInTour.steps.length - 1)
    expect(screen.getByRole('button', { name: 'Play' }).getAttribute('aria-pressed')).toBe('false')
  })

  it('a step whose run was deleted says so and the tour goes on', async () => {
    const tour: Tour = {
      name: 'Our runs',
      description: '',
      steps: [
        {
          camera: { preset: 'hall', part: null },
          caption: 'A run that was deleted.',
          metric: 'power',
          kpi: 'powerKW',
          runId: 'gone',
          timeS: 30
        },
        {
          camera: { preset: 'node', part: { kind: 'node', index: 3 } },
          caption: 'Decode at 96, a minute in.',
          metric: 'role',
          kpi: 'tpotP90Ms',
          runId: 'r1',
          timeS: 60
        }
      ]
    }
    const { twin } = await presentingApp({ r1: [tour] })
    // replay r1, so its tours are listed, then pick its tour
    await act(async () => {
      twin.sendEvent({ type: 'app.command', command: { kind: 'replay-run', runId: 'r1' } })
    })
    await act(async () => {
      await twin.api.invoke('replay.open', { id: 'r1', atS: 0 })
    })
    await click(screen.getByRole('button', { name: 'Tours' }))
    const menu = await screen.findByRole('dialog', { name: 'Tours' })
    await screen.findByRole('option', { name: /Our runs/ })
    fireEvent.change(within(menu).getByLabelText('Tour to present'), {
      target: { value: 'r1/Our runs' }
    })
    await click(screen.getByRole('button', { name: 'Present' }))
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringMatching(/“gone”, which is no longer in the library/)
    )
    expect(caption()).toBe('A run that was deleted.')
    expect(twinStats().present).toMatchObject({ step: 0, steps: 2 })
    await press('ArrowRight')
    expect(caption()).toBe('Decode at 96, a minute in.')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(twin.replay()).toMatchObject({ runId: 'r1', positionS: 60 })
  })

  it('adds the current view as a step of a tour saved with the run in view', async () => {
    const { twin, tours } = await presentingApp()
    await act(async () => {
      await twin.api.invoke('replay.open', { id: 'r1', atS: 42 })
    })
    await press('3', document.body)
    await press('m', document.body)
    await click(screen.getByRole('button', { name: 'Tours' }))
    const menu = await screen.findByRole('dialog', { name: 'Tours' })
    fireEvent.change(within(menu).getByLabelText('Caption'), {
      target: { value: 'Rack 0, HBM bandwidth.' }
    })
    fireEvent.change(within(menu).getByLabelText('KPI called out'), {
      target: { value: 'powerKW' }
    })
    await click(within(menu).getByRole('button', { name: 'Add the current view as a step' }))
    expect(tours.saved.r1).toEqual([
      {
        name: 'My tour',
        description: '',
        steps: [
          {
            camera: { preset: 'rack', part: { kind: 'rack', index: 0 } },
            caption: 'Rack 0, HBM bandwidth.',
            metric: 'hbmBandwidth',
            kpi: 'powerKW',
            runId: 'r1',
            timeS: 42
          }
        ]
      }
    ])
    // a second step goes into the same tour, with its own seconds on screen; an impossible
    // number is named at its field and adds nothing
    const dwell = within(menu).getByLabelText(/Seconds on screen/)
    const add = within(menu).getByRole('button', { name: 'Add the current view as a step' })
    fireEvent.change(dwell, { target: { value: '0.5' } })
    expect(dwell).toHaveAttribute('aria-invalid', 'true')
    expect(within(menu).getByText('must be a number of seconds from 1 to 600')).toBeInTheDocument()
    expect(add).toBeDisabled()
    fireEvent.change(dwell, { target: { value: '2' } })
    await click(add)
    expect(tours.saved.r1![0]!.steps).toHaveLength(2)
    expect(tours.saved.r1![0]!.steps[1]!.dwellS).toBe(2)
  })
})
