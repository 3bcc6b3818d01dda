/**
 * Physical dimensions of the hall in metres (x along the rows, y up, z across the aisle).
 * The rack is a standard 42U cabinet; the rest is assumed, chosen so every part stays readable
 * from the default camera. Nothing here enters a performance figure.
 */
export const RACK = { width: 0.6, depth: 1.2, height: 2.0 } as const

/** centre-to-centre distance of neighbouring racks; the gap shows the side panels */
export const RACK_PITCH = 0.64

/** cold aisle between the two rows of rack fronts */
export const AISLE_WIDTH = 1.2

/**
 * Depths measured inward from a rack's front plane. Chips sit a few millimetres behind it so
 * cables drawn on the front plane are never hidden inside them, and nothing juts into the aisle.
 */
export const FRONT = {
  chip: { inset: 0.004, depth: 0.01 },
  node: { inset: 0.014, depth: 0.02 },
  body: { inset: 0.034 }
} as const

/** a 9U server: 4 fit in a compute rack above the power shelf */
export const NODE = { width: 0.56, height: 0.4, gap: 0.02, base: 0.14 } as const

/** chip sizes on a node's front panel (width, height); v is the height above the node bottom */
export const DIE = {
  width: 0.052,
  height: 0.074,
  npuPitch: 0.068,
  v0: 0.128,
  dieStep: 0.08
} as const
export const CPU = { width: 0.1, height: 0.05, pitch: 0.13, v: 0.045 } as const
export const L1 = { width: 0.06, height: 0.05, pitch: 0.075, v: 0.34 } as const

/** a communication rack holds one switch shelf per sub-plane, each with its L2 chips */
export const SHELF = { width: 0.56, height: 0.2, base: 0.25, pitch: 0.24 } as const
export const L2 = { width: 0.11, height: 0.11, pitch: 0.13 } as const

/** overhead cable trays: UB optics above the rack fronts, RDMA/VPC above the rack backs */
export const TRAY = {
  ubY: 2.3,
  uplinkY: 2.55,
  width: 0.34,
  thickness: 0.02,
  /** inward distance from the front plane to the UB tray centre */
  ubInset: 0.22,
  uplinkInset: 0.85,
  /** spacing of sub-plane lanes inside a tray */
  lane: 0.04
} as const

/** anything lower than this inside the aisle would be in a walker's way */
export const AISLE_CLEARANCE = 2.1

/** vertical cable managers at the rack sides: UB risers right, uplinks left (seen from the aisle) */
export const RISER_U = 0.29
