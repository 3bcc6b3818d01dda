import { act, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { MetricPicker, nextMetric } from '../../../src/renderer/src/ui/MetricPicker'
import {
  DIE_METRICS,
  DIE_METRIC_SPECS,
  type DieMetric
} from '../../../src/renderer/src/view/dieMetrics'
import { ViewState } from '../../../src/renderer/src/view/viewState'

describe('MetricPicker', () => {
  it('offers every die metric by its label and sets the view', () => {
    const view = new ViewState()
    render(<MetricPicker view={view} />)
    const select = screen.getByRole('combobox', { name: 'Colour dies by' })
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(
      DIE_METRICS.map((m) => DIE_METRIC_SPECS[m].label)
    )
    expect(select).toHaveValue('compute')
    fireEvent.change(select, { target: { value: 'power' } })
    expect(view.get().metric).toBe('power')
  })

  it('follows the view when the metric changes elsewhere (the M key)', () => {
    const view = new ViewState()
    render(<MetricPicker view={view} />)
    act(() => view.setMetric(nextMetric(view.get().metric)))
    expect(screen.getByRole('combobox')).toHaveValue('hbmBandwidth')
  })

  it('steps through the metrics and wraps round', () => {
    const seen: DieMetric[] = [DIE_METRICS[0]]
    for (let i = 1; i <= DIE_METRICS.length; i++) seen.push(nextMetric(seen[i - 1]!))
    expect(seen).toEqual([...DIE_METRICS, DIE_METRICS[0]])
  })
})
