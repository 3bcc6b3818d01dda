/**
 * Fixed colours of the hall (sRGB). Data colours live in colorMap.ts; these are kept away from
 * viridis hues so a part's kind is never read as a utilization.
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
