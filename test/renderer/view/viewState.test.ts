import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useView, ViewState } from '../../../src/renderer/src/view/viewState'

describe('ViewState', () => {
  it('notifies on changes only, and a repeated fly-to is a new request', () => {
    const view = new ViewState()
    let calls = 0
    view.subscribe(() => calls++)
    view.select({ kind: 'die', index: 3 })
    view.select({ kind: 'die', index: 3 })
    view.hover(null)
    expect(calls).toBe(1)
    view.flyTo('node', { kind: 'node', index: 2 })
    const first = view.get().camera.seq
    view.flyTo('node', { kind: 'node', index: 2 })
    expect(view.get().camera.seq).toBe(first + 1)
    expect(calls).toBe(3)
  })

  it('re-renders a component only for the field it reads', () => {
    const view = new ViewState()
    let renders = 0
    const { result } = renderHook(() => {
      renders++
      return useView(view, 'metric')
    })
    expect(result.current).toBe('compute')
    act(() => view.hover({ kind: 'rack', index: 1 }))
    expect(renders).toBe(1)
    act(() => view.setMetric('power'))
    expect(result.current).toBe('power')
    expect(renders).toBe(2)
  })
})
