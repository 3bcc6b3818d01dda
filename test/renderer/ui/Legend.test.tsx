import { act, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { getTopology } from '../../../src/engine/topology'
import { FAILED_COLOR, ROLE_COLORS } from '../../../src/renderer/src/scene/colorMap'
import { Legend, legendTicks } from '../../../src/renderer/src/ui/Legend'
import { DIE_METRIC_SPECS, dieMetricSpecs } from '../../../src/renderer/src/view/dieMetrics'
import { ViewState } from '../../../src/renderer/src/view/viewState'

const ticks = () =>
  within(screen.getByTestId('legend-ticks'))
    .getAllByText(/./)
    .map((t) => t.textContent)

// jsdom keeps colours as rgb()
const rgb = (hex: string) => {
  const n = parseInt(hex.slice(1), 16)
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`
}

describe('Legend', () => {
  it('keys compute utilization in % by default', () => {
    render(<Legend view={new ViewState()} />)
    expect(screen.getByTestId('legend-title')).toHaveTextContent('Dies: Compute utilization (%)')
    expect(ticks()).toEqual(['0', '25', '50', '75', '100'])
  })

  it('follows the metric: power in W over the range the scene maps, occupancy in GB', () => {
    const view = new ViewState()
    render(<Legend view={view} />)
    act(() => view.setMetric('power'))
    expect(screen.getByTestId('legend-title')).toHaveTextContent('(W)')
    const { min, max } = DIE_METRIC_SPECS.power
    const shown = ticks()
    expect(shown[0]).toBe(min.toFixed(0))
    expect(shown[4]).toBe(max.toFixed(0))
    expect(Number(shown[2])).toBeCloseTo((min + max) / 2, -1)
    act(() => view.setMetric('hbmOccupancy'))
    expect(screen.getByTestId('legend-title')).toHaveTextContent('(GB)')
    expect(ticks()).toEqual(['0', '16', '32', '48', '64'])
  })

  it('shows the role colours instead of a scale for role', () => {
    const view = new ViewState()
    render(<Legend view={view} />)
    act(() => view.setMetric('role'))
    expect(screen.queryByTestId('legend-ticks')).toBeNull()
    const roles = within(screen.getByTestId('legend-roles')).getAllByRole('listitem')
    expect(roles.map((r) => r.textContent)).toEqual(['prefill', 'decode', 'cache'])
    const swatch = roles[1]!.querySelector('span') as HTMLElement
    expect(swatch.style.backgroundColor).toBe(rgb(ROLE_COLORS.decode))
  })

  it('always keys failed parts, no data, links and racks', () => {
    const view = new ViewState()
    render(<Legend view={view} />)
    for (const metric of ['compute', 'role'] as const) {
      act(() => view.setMetric(metric))
      const legend = screen.getByRole('complementary', { name: 'Colour legend' })
      expect(legend).toHaveTextContent('failed die')
      expect(legend).toHaveTextContent('no data')
      expect(legend).toHaveTextContent('CPUs and links: utilization (%)')
      expect(legend).toHaveTextContent('communication rack')
      expect(within(screen.getByTestId('legend-link-ticks')).getByText('100')).toBeInTheDocument()
      const failed = within(legend).getByText('failed die').querySelector('span') as HTMLElement
      expect(failed.style.backgroundColor).toBe(rgb(FAILED_COLOR))
    }
  })

  it('keys the hall shown: an HGX cluster’s GPUs, its HBM and power, its racks', () => {
    const view = new ViewState()
    render(<Legend view={view} topology={getTopology('h800-deepseek')} />)
    expect(screen.getByTestId('legend-title')).toHaveTextContent('GPUs: Compute utilization (%)')
    act(() => view.setMetric('hbmOccupancy'))
    expect(ticks()).toEqual(['0', '20', '40', '60', '80'])
    act(() => view.setMetric('power'))
    expect(ticks()[4]).toBe(dieMetricSpecs('h800-deepseek').power.max.toFixed(0))
    const legend = screen.getByRole('complementary', { name: 'Colour legend' })
    expect(legend).toHaveTextContent('failed GPU')
    expect(legend).toHaveTextContent('compute rack (4 nodes)')
    expect(legend).not.toHaveTextContent('communication rack')
  })

  it('spaces ticks evenly, with a decimal only for narrow ranges', () => {
    expect(legendTicks({ min: 0, max: 1 })).toEqual(['0.0', '0.3', '0.5', '0.8', '1.0'])
    expect(legendTicks({ min: 0, max: 100 }, 3)).toEqual(['0', '50', '100'])
  })
})
