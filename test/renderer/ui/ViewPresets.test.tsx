import { act, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ViewPresets, flyToPreset, presetPart } from '../../../src/renderer/src/ui/ViewPresets'
import { ViewState } from '../../../src/renderer/src/view/viewState'
import { topology } from '../fakeTwin'

const DIE = topology.dies.find((d) => d.id === 'node-05.npu-3.die-1')!.index

describe('ViewPresets', () => {
  it('has a button per view with its key, and flies there', () => {
    const view = new ViewState()
    render(<ViewPresets view={view} topology={topology} />)
    const group = screen.getByRole('group', { name: 'Camera views' })
    const buttons = [...group.querySelectorAll('button')]
    expect(buttons.map((b) => b.getAttribute('aria-keyshortcuts'))).toEqual(['1', '2', '3', '4'])
    fireEvent.click(screen.getByRole('button', { name: 'Network' }))
    expect(view.get().camera).toMatchObject({ preset: 'network', part: null })
    expect(screen.getByRole('button', { name: 'Network' })).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByRole('button', { name: 'Hall' })).toHaveAttribute('aria-pressed', 'false')
  })

  it('frames the rack and node of the selection, else the first', () => {
    const view = new ViewState()
    render(<ViewPresets view={view} topology={topology} />)
    fireEvent.click(screen.getByRole('button', { name: 'Node' }))
    expect(view.get().camera.part).toEqual({ kind: 'node', index: 0 })
    act(() => view.select({ kind: 'die', index: DIE }))
    fireEvent.click(screen.getByRole('button', { name: 'Rack' }))
    expect(view.get().camera).toMatchObject({ preset: 'rack', part: { kind: 'rack', index: 1 } })
    expect(screen.getByRole('button', { name: 'Rack' })).toHaveAttribute(
      'title',
      'Rack view rack-01 (3)'
    )
    act(() => flyToPreset(view, topology, 'node'))
    expect(view.get().camera).toMatchObject({ preset: 'node', part: { kind: 'node', index: 5 } })
  })

  it('picks sensible parts for racks, switches and links', () => {
    const rack2 = { kind: 'rack', index: 2 } as const
    expect(presetPart(topology, 'node', rack2)).toEqual({ kind: 'node', index: 8 })
    const l2 = topology.l2Switches[40]!
    expect(presetPart(topology, 'rack', { kind: 'l2Switch', index: 40 })).toEqual({
      kind: 'rack',
      index: l2.rack
    })
    expect(presetPart(topology, 'node', { kind: 'l2Switch', index: 40 })).toEqual({
      kind: 'node',
      index: 0
    })
    expect(presetPart(topology, 'hall', rack2)).toBeNull()
  })
})
