import { act, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { getTopology } from '../../src/engine/topology'
import type {
  EngineStatus,
  TwinApi,
  TwinEvent,
  TwinMethod,
  TwinResponse,
  TwinResults
} from '../../src/shared/api'
import type { TwinErrorData } from '../../src/shared/errors'
import { createFrame } from '../../src/shared/frame'
import { App } from '../../src/renderer/src/App'
import type { HallProps } from '../../src/renderer/src/scene/Hall'

const topology = getTopology('cloudmatrix384')
const counts = {
  dies: topology.dies.length,
  cpus: topology.cpus.length,
  links: topology.links.length
}

const running: EngineStatus = {
  state: 'running',
  system: 'cloudmatrix384',
  runId: 'run-1',
  framesSent: 0,
  error: null
}

type Reply = { [M in TwinMethod]?: () => Promise<TwinResponse<M>> }

/** A TwinApi held in memory: each method answers as `replies` says; frames and events are pushed by the test. */
function fakeApi(replies: Reply) {
  const frameListeners = new Set<(frame: ArrayBuffer) => void>()
  const eventListeners = new Set<(event: TwinEvent) => void>()
  const invoke = vi.fn((method: TwinMethod) => {
    const reply = replies[method] as (() => Promise<TwinResponse<TwinMethod>>) | undefined
    return reply
      ? reply()
      : Promise.resolve({
          ok: false,
          error: { code: 'internal', message: `no reply for ${method}` }
        })
  })
  const api: TwinApi = {
    invoke: invoke as unknown as TwinApi['invoke'],
    onFrame(listener) {
      frameListeners.add(listener)
      return () => frameListeners.delete(listener)
    },
    onEvent(listener) {
      eventListeners.add(listener)
      return () => eventListeners.delete(listener)
    }
  }
  return {
    api,
    invoke,
    sendFrame: (frame: ArrayBuffer) => frameListeners.forEach((l) => l(frame)),
    sendEvent: (event: TwinEvent) => eventListeners.forEach((l) => l(event)),
    listenerCount: () => frameListeners.size + eventListeners.size
  }
}

const ok =
  <M extends TwinMethod>(value: TwinResults[M]) =>
  () =>
    Promise.resolve({ ok: true as const, value })
const fail = (error: TwinErrorData) => () => Promise.resolve({ ok: false as const, error })

function StubHall({ topology: t }: HallProps) {
  return <div data-testid="hall">{t.racks.length} racks</div>
}

describe('App', () => {
  it('shows a loading state while the topology is on its way', () => {
    const twin = fakeApi({ 'topology.get': () => new Promise(() => {}) })
    render(<App connect={() => twin.api} hall={StubHall} />)
    expect(screen.getByRole('status')).toHaveTextContent(/loading the cloudmatrix384 topology/i)
    expect(screen.getByText('Supernode Twin')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('shows a readable error when the topology is refused', async () => {
    const twin = fakeApi({
      'topology.get': fail({
        code: 'invalid-argument',
        message: "topology.get: argument 'system': Invalid option",
        field: 'system'
      })
    })
    render(<App connect={() => twin.api} hall={StubHall} />)
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/could not load the cloudmatrix384 topology/i)
    expect(alert).toHaveTextContent("argument 'system': Invalid option")
    expect(alert).toHaveTextContent('invalid-argument')
    expect(twin.invoke).not.toHaveBeenCalledWith('engine.start', expect.anything())
  })

  it('shows a readable error when the engine does not start', async () => {
    const twin = fakeApi({
      'topology.get': ok<'topology.get'>(topology),
      'engine.start': fail({ code: 'engine-failed', message: 'engine worker exited with code 1' })
    })
    render(<App connect={() => twin.api} hall={StubHall} />)
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/could not start the engine/i)
    expect(alert).toHaveTextContent('engine worker exited with code 1')
  })

  it('shows an error instead of a blank page when the twin cannot be reached at all', async () => {
    render(
      <App
        connect={() => {
          throw new Error('no twin bridge in this window')
        }}
        hall={StubHall}
      />
    )
    expect(await screen.findByRole('alert')).toHaveTextContent('no twin bridge in this window')
  })

  it('loads the topology, starts the engine, then shows the hall, engine state and frame count', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    try {
      const twin = fakeApi({
        'topology.get': ok<'topology.get'>(topology),
        'engine.start': ok<'engine.start'>(running)
      })
      const { unmount } = render(<App connect={() => twin.api} hall={StubHall} />)
      expect(await screen.findByTestId('hall')).toHaveTextContent('16 racks')
      expect(twin.invoke.mock.calls.map(([method]) => method)).toEqual([
        'topology.get',
        'engine.start'
      ])
      expect(twin.invoke).toHaveBeenCalledWith('topology.get', { system: 'cloudmatrix384' })
      expect(screen.getByText('Huawei CloudMatrix384')).toBeInTheDocument()
      expect(screen.getByTestId('engine-state')).toHaveTextContent('running')
      expect(screen.getByLabelText('Colour legend')).toHaveTextContent('failed die')

      act(() => {
        for (let i = 0; i < 3; i++) twin.sendFrame(createFrame(i, i * 0.25, counts).buffer)
      })
      await act(() => vi.advanceTimersByTimeAsync(300))
      expect(screen.getByTestId('frames-received')).toHaveTextContent('frames 3')

      act(() =>
        twin.sendEvent({
          type: 'engine.status',
          status: { ...running, state: 'failed', error: 'worker crashed' }
        })
      )
      expect(screen.getByTestId('engine-state')).toHaveTextContent('failed: worker crashed')

      unmount()
      expect(twin.listenerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})
