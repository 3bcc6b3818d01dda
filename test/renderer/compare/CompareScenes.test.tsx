import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { CompareSceneProps } from '../../../src/renderer/src/compare/CompareScene'
import CompareScenes, { type SceneRun } from '../../../src/renderer/src/compare/CompareScenes'
import { fakeTwin, savedRun } from '../fakeTwin'

const runs: SceneRun[] = [
  { id: 'cm-long', name: 'CloudMatrix384, 600 s', system: 'cloudmatrix384', endS: 600 },
  { id: 'cm-short', name: 'CloudMatrix384, 300 s', system: 'cloudmatrix384', endS: 300 },
  { id: 'h800', name: 'H800', system: 'h800-deepseek', endS: 600 },
  { id: 'gb200', name: 'GB200', system: 'gb200-nvl72', endS: 600 }
]

/** what each stand-in scene was last given, by run */
const scenes = new Map<string, CompareSceneProps>()
function StandInScene(props: CompareSceneProps) {
  scenes.set(props.runId, props)
  return <div data-testid={`scene-${props.runId}`}>{props.topology.dies.length} dies</div>
}

function setup() {
  scenes.clear()
  const twin = fakeTwin(
    {},
    {
      runs: runs.map((r) =>
        savedRun({ id: r.id, name: r.name, system: r.system, simulatedS: r.endS })
      )
    }
  )
  const errors: string[] = []
  render(
    <CompareScenes
      api={twin.api}
      runs={runs}
      theme="dark"
      onError={(message) => errors.push(message)}
      scene={StandInScene}
    />
  )
  return { twin, errors }
}

const shown = (id: string) => scenes.get(id)!.shown

describe('the compare view’s scenes on one timeline', () => {
  it('draws each run with a topology in its own scene, and says why one cannot be drawn', async () => {
    setup()
    expect(await screen.findByTestId('scene-cm-long')).toHaveTextContent('768 dies')
    expect(screen.getByTestId('scene-cm-short')).toBeInTheDocument()
    // the H800 cluster has a topology of its own, GB200 NVL72 none yet
    expect(screen.getByTestId('scene-h800')).toHaveTextContent('160 dies')
    expect(screen.getByText(/gb200-nvl72 has no part-level topology/)).toBeInTheDocument()
    // the first frames: every run at time 0
    await waitFor(() => expect(shown('cm-long').version).toBeGreaterThan(0))
    expect(shown('cm-long')).toMatchObject({ askedS: 0, frameS: 0 })
    expect(shown('cm-long').frame?.counts.dies).toBe(768)
  })

  it('shows every run at the scrubbed time; a run that ended earlier holds its last frame', async () => {
    const { twin, errors } = setup()
    await waitFor(() => expect(shown('cm-short').version).toBeGreaterThan(0))
    fireEvent.change(screen.getByRole('slider', { name: 'Simulated time of every run' }), {
      target: { value: '450' }
    })
    await waitFor(() => expect(shown('cm-long').frameS).toBe(450))
    expect(shown('cm-long').askedS).toBe(450)
    expect(shown('cm-long').frame!.dieCompute[0]).toBeCloseTo(0.75)
    expect(shown('cm-short')).toMatchObject({ askedS: 450, frameS: 300 })
    expect(shown('cm-short').frame!.dieCompute[0]).toBeCloseTo(1)
    expect(twin.invoke).toHaveBeenCalledWith('runs.frameAt', { id: 'cm-long', atS: 450 })
    expect(twin.invoke).toHaveBeenCalledWith('runs.frameAt', { id: 'cm-short', atS: 300 })
    expect(twin.invoke).toHaveBeenCalledWith('runs.frameAt', { id: 'h800', atS: 450 })
    expect(shown('h800').frame?.counts.dies).toBe(160)
    // the run without a topology still follows the timeline: its caption reads its frame
    expect(twin.invoke).toHaveBeenCalledWith('runs.frameAt', { id: 'gb200', atS: 450 })
    expect(screen.getByTestId('compare-time')).toHaveTextContent(/7 min 30 s of 10 min/)
    expect(errors).toEqual([])
  })

  it('plays the timeline forward at the chosen speed and pauses', async () => {
    setup()
    await waitFor(() => expect(shown('cm-long').version).toBeGreaterThan(0))
    fireEvent.change(screen.getByRole('combobox', { name: 'Speed' }), { target: { value: '64' } })
    fireEvent.click(screen.getByRole('button', { name: 'Play' }))
    await waitFor(() => expect(shown('cm-long').frameS).toBeGreaterThanOrEqual(16), {
      timeout: 3000
    })
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Pause' }))
    })
    const at = shown('cm-long').frameS
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(shown('cm-long').frameS).toBe(at)
    // the short run is asked for the same time as the long one while both are running
    expect(shown('cm-short').askedS).toBe(shown('cm-long').askedS)
  })

  it('says so when a run’s frames cannot be read', async () => {
    scenes.clear()
    const twin = fakeTwin({}, { runs: [] })
    const errors: string[] = []
    render(
      <CompareScenes
        api={twin.api}
        runs={runs.slice(0, 2)}
        theme="dark"
        onError={(message) => errors.push(message)}
        scene={StandInScene}
      />
    )
    await waitFor(() => expect(errors).toHaveLength(1))
    expect(errors[0]).toMatch(/Could not show the runs at 0 s: .*cm-long/)
  })
})
