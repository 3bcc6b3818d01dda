import type { SystemId } from '../../shared/systems'

/**
 * The physical topology of a system: every part and every link, each with a stable id and an
 * index. Indices are dense per kind and fixed for a system, so telemetry frames can carry one
 * value per entity in index order (see shared/frame.ts).
 */
export type RackKind = 'compute' | 'communication'

export interface Rack {
  index: number
  id: string
  kind: RackKind
  /** floor position: row and column in the hall */
  row: number
  column: number
}

export interface ServerNode {
  index: number
  id: string
  rack: number
  /** slot in its rack, bottom to top */
  slot: number
}

export interface Npu {
  index: number
  id: string
  node: number
  slot: number
}

export interface Die {
  index: number
  id: string
  npu: number
  node: number
  slot: number
}

export interface Cpu {
  index: number
  id: string
  node: number
  slot: number
}

export interface L1Switch {
  index: number
  id: string
  node: number
  subPlane: number
}

export interface L2Switch {
  index: number
  id: string
  subPlane: number
  /** position within its sub-plane (0..15 on CloudMatrix384) */
  slot: number
  rack: number
}

export type LinkKind = 'die-l1' | 'l1-l2' | 'rdma' | 'vpc'

export type EntityKind = 'die' | 'npu' | 'node' | 'l1' | 'l2' | 'plane'

export interface EntityRef {
  kind: EntityKind
  index: number
}

/** A network outside the supernode that parts attach to (scale-out RDMA, data-centre VPC). */
export interface ExternalPlane {
  index: number
  id: 'rdma' | 'vpc'
  name: string
}

export interface Link {
  index: number
  id: string
  kind: LinkKind
  from: EntityRef
  to: EntityRef
  /** bandwidth in each direction, GB/s */
  gbPerSecond: number
}

export interface Topology {
  system: SystemId
  name: string
  subPlanes: number
  racks: Rack[]
  nodes: ServerNode[]
  npus: Npu[]
  dies: Die[]
  cpus: Cpu[]
  l1Switches: L1Switch[]
  l2Switches: L2Switch[]
  planes: ExternalPlane[]
  /** all links in frame order: die-l1, then l1-l2, then rdma, then vpc */
  links: Link[]
}

export interface TopologyCounts {
  racks: number
  computeRacks: number
  communicationRacks: number
  nodes: number
  npus: number
  dies: number
  cpus: number
  l1Switches: number
  l2Switches: number
  /** UB L1-L2 optical links, the all-to-all tier */
  ubLinks: number
  /** in-node UB links from each die to each L1 chip */
  dieLinks: number
  rdmaLinks: number
  vpcLinks: number
  links: number
}
