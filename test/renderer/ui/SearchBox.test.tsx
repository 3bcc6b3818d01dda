import { act, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { SearchBox, focusSearchBox } from '../../../src/renderer/src/ui/SearchBox'
import { ViewState } from '../../../src/renderer/src/view/viewState'
import { topology } from '../fakeTwin'

const DIE = topology.dies.find((d) => d.id === 'node-05.npu-3.die-1')!.index

function setup() {
  const view = new ViewState()
  render(<SearchBox view={view} topology={topology} />)
  const input = screen.getByRole('combobox', { name: 'Find a part by id' })
  const type = (text: string) => fireEvent.change(input, { target: { value: text } })
  const key = (k: string) => fireEvent.keyDown(input, { key: k })
  return { view, input, type, key }
}

const options = () => screen.queryAllByRole('option')
const activeOption = (input: HTMLElement) => {
  const id = input.getAttribute('aria-activedescendant')
  return id ? document.getElementById(id) : null
}

describe('SearchBox', () => {
  it('suggests parts whose id contains the text, the exact id first', () => {
    const { input, type } = setup()
    expect(input).toHaveAttribute('aria-expanded', 'false')
    type('node-05.npu-3.die-1')
    expect(input).toHaveAttribute('aria-expanded', 'true')
    const listbox = screen.getByRole('listbox')
    expect(input).toHaveAttribute('aria-controls', listbox.id)
    expect(options()[0]).toHaveTextContent('node-05.npu-3.die-1die')
    expect(options().length).toBeLessThanOrEqual(12)
    expect(options()[0]).toHaveAttribute('aria-selected', 'true')
    expect(activeOption(input)).toBe(options()[0])
  })

  it('finds a die by a part of its id, in any case', () => {
    const { type } = setup()
    type('05.NPU-3.die-1')
    expect(options()[0]).toHaveTextContent('node-05.npu-3.die-1')
    expect(screen.getByTestId('part-search-status')).toHaveTextContent('8 parts match')
  })

  it('moves through the suggestions with the arrows, wrapping round', () => {
    const { input, type, key } = setup()
    type('rack-0')
    expect(options()).toHaveLength(10)
    key('ArrowDown')
    expect(activeOption(input)).toHaveTextContent('rack-01')
    key('ArrowUp')
    key('ArrowUp')
    expect(activeOption(input)).toHaveTextContent('rack-09')
    expect(options().filter((o) => o.getAttribute('aria-selected') === 'true')).toHaveLength(1)
  })

  it('picks with Enter: selects the part and flies to its node', () => {
    const { view, input, type, key } = setup()
    type('npu-3.die-1')
    key('ArrowDown') // node-01.npu-3.die-1
    key('Enter')
    expect(view.get().selected).toEqual({ kind: 'die', index: topology.dies[16 + 7]!.index })
    expect(view.get().camera).toMatchObject({ preset: 'node', part: { kind: 'node', index: 1 } })
    expect(input).toHaveValue('node-01.npu-3.die-1')
    expect(input).toHaveAttribute('aria-expanded', 'false')

    type('node-05.npu-3.die-1')
    key('Enter')
    expect(view.get().selected).toEqual({ kind: 'die', index: DIE })
    expect(view.get().camera.part).toEqual({ kind: 'node', index: 5 })
  })

  it('flies to the rack for racks and L2 switches, to the network for links', () => {
    const { view, type, key } = setup()
    type('plane-2.l2-07')
    key('Enter')
    const l2 = topology.l2Switches.find((s) => s.id === 'plane-2.l2-07')!
    expect(view.get().selected).toEqual({ kind: 'l2Switch', index: l2.index })
    expect(view.get().camera).toMatchObject({
      preset: 'rack',
      part: { kind: 'rack', index: l2.rack }
    })

    type('node-00.l1-2>plane-2.l2-07')
    fireEvent.click(options()[0]!)
    const link = topology.links.find((l) => l.id === 'node-00.l1-2>plane-2.l2-07')!
    const ref = { kind: 'link', index: link.index }
    expect(view.get().selected).toEqual(ref)
    expect(view.get().camera).toMatchObject({ preset: 'network', part: ref })
  })

  it('says when nothing matches', () => {
    const { input, type, key } = setup()
    type('xyz')
    expect(options()).toHaveLength(0)
    expect(input).toHaveAttribute('aria-expanded', 'false')
    expect(screen.getByRole('status')).toHaveTextContent('No part matches ‘xyz’')
    key('Enter') // nothing to pick
    expect(input).toHaveValue('xyz')
  })

  it('closes with Escape, then clears, and stops the window seeing it', () => {
    const { input, type, key } = setup()
    type('rack')
    let seen = 0
    const onWindow = (event: KeyboardEvent) => {
      if (!event.defaultPrevented) seen++
    }
    window.addEventListener('keydown', onWindow)
    key('Escape')
    expect(input).toHaveAttribute('aria-expanded', 'false')
    expect(input).toHaveValue('rack')
    key('Escape')
    expect(input).toHaveValue('')
    window.removeEventListener('keydown', onWindow)
    expect(seen).toBe(0)
    key('ArrowDown') // nothing typed: stays closed
    expect(input).toHaveAttribute('aria-expanded', 'false')
  })

  it('is focused by the / shortcut helper', () => {
    const { input } = setup()
    act(() => {
      expect(focusSearchBox()).toBe(true)
    })
    expect(input).toHaveFocus()
  })
})
