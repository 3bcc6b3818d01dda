import { Color } from 'three'
import { describe, expect, it } from 'vitest'
import { getTopology } from '../../../src/engine/topology'
import { createFrame } from '../../../src/shared/frame'
import {
  NO_DATA_COLOR,
  UTILIZATION_STOPS,
  hexToRgb,
  srgbToLinear
} from '../../../src/renderer/src/scene/colorMap'
import {
  applyRoom,
  createHallObjects,
  paintTelemetry
} from '../../../src/renderer/src/scene/hallObjects'
import { PALETTE, ROOM } from '../../../src/renderer/src/scene/palette'

/** WCAG relative luminance and contrast ratio */
function luminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map(srgbToLinear) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

describe('themes', () => {
  it('keeps the machine readable against either room', () => {
    for (const theme of ['dark', 'light'] as const) {
      const room = ROOM[theme]
      for (const part of [PALETTE.computeRack, PALETTE.communicationRack, NO_DATA_COLOR]) {
        // racks and the no-data grey must stand out from the floor they stand on
        expect(contrast(part, room.floor), `${theme} ${part}`).toBeGreaterThan(
          theme === 'light' ? 3 : 1.15
        )
      }
      expect(contrast(room.selection, room.background), theme).toBeGreaterThan(4.5)
    }
    // on the pale floor the dark end of viridis stands out too (magenta does by hue)
    expect(contrast(UTILIZATION_STOPS[0], ROOM.light.floor)).toBeGreaterThan(3)
  })

  it('changes the room and the selection outline, never the data colours', () => {
    const topology = getTopology('cloudmatrix384')
    const hall = createHallObjects(topology)
    const frame = createFrame(0, 1, {
      dies: topology.dies.length,
      cpus: topology.cpus.length,
      links: topology.links.length
    })
    frame.dieCompute.fill(0.6)
    frame.dieRole.fill(2)
    paintTelemetry(hall, frame)
    const dies = [...hall.dies.instanceColor!.array]
    const racks = [...hall.racks.instanceColor!.array]

    applyRoom(hall, 'light')
    expect(hall.room.background.equals(new Color(ROOM.light.background))).toBe(true)
    expect(hall.room.floor.color.equals(new Color(ROOM.light.floor))).toBe(true)
    expect(hall.marker.material.color.equals(new Color(ROOM.light.selection))).toBe(true)
    const grid = hall.room.grid.geometry.getAttribute('color')
    const line = new Color(ROOM.light.floorGrid)
    expect(grid.getX(0)).toBeCloseTo(line.r, 5)
    expect(grid.getZ(grid.count - 1)).toBeCloseTo(line.b, 5)
    expect([...hall.dies.instanceColor!.array]).toEqual(dies)
    expect([...hall.racks.instanceColor!.array]).toEqual(racks)

    applyRoom(hall, 'dark')
    expect(hall.room.background.equals(new Color(ROOM.dark.background))).toBe(true)
    expect(hall.room.hemisphere.intensity).toBe(ROOM.dark.hemisphere)
  })
})
