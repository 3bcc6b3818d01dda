import type { Theme } from '../view/viewState'

/**
 * Fixed colours of the hall (sRGB). Data colours live in colorMap.ts; these are kept away from
 * viridis hues so a part's kind is never read as a utilization. Racks, node panels and chips
 * keep one colour in both themes (the legend shows them), only the room changes.
 */
export const PALETTE = {
  background: '#0b0e13',
  floor: '#1a1f27',
  floorGrid: '#2a313c',
  aisle: '#232a34',
  computeRack: '#2e343d',
  communicationRack: '#1c4a66',
  nodePanel: '#8a939e',
  shelf: '#5d7487',
  switchChip: '#c3ccd6',
  tray: '#4b525c'
} as const

/** What a theme changes: the room around the machine, its light, and the selection marker. */
export interface RoomPalette {
  background: string
  floor: string
  floorGrid: string
  aisle: string
  /** hemisphere light: sky and ground colours, intensity */
  sky: string
  ground: string
  hemisphere: number
  /** outline of the selected part: the strongest contrast with the room and the data colours */
  selection: string
}

export const ROOM: Record<Theme, RoomPalette> = {
  dark: {
    background: PALETTE.background,
    floor: PALETTE.floor,
    floorGrid: '#39414d',
    aisle: PALETTE.aisle,
    sky: '#e3ebf5',
    ground: '#20252c',
    hemisphere: 2.2,
    selection: '#ffffff'
  },
  // A pale room: the dark racks and the no-data grey stand out against it rather than in it.
  light: {
    background: '#e8ecf1',
    floor: '#c9d0d9',
    floorGrid: '#aab3bf',
    aisle: '#d8dee6',
    sky: '#ffffff',
    ground: '#8a929c',
    hemisphere: 2.6,
    selection: '#000000'
  }
}
