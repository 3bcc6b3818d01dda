import {
  BoxGeometry,
  Color,
  DynamicDrawUsage,
  GridHelper,
  Group,
  InstancedMesh,
  type InterleavedBufferAttribute,
  type Material,
  Matrix4,
  Mesh,
  MeshBasicMaterial,
  MeshStandardMaterial,
  PlaneGeometry,
  Quaternion,
  Vector3
} from 'three'
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js'
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js'
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js'
import type { Topology } from '../../../engine/topology/types'
import type { FrameView } from '../../../shared/frame'
import { NO_DATA_COLOR, writeSegmentColors, writeUtilizationColors } from './colorMap'
import { AISLE_WIDTH } from './dimensions'
import { type BoxLayout, type HallLayout, type PartLayout, buildHallLayout } from './layout'
import { type LinkRoutes, ubLinkRoutes, uplinkRoutes } from './linkRoutes'
import { PALETTE } from './palette'

/**
 * The hall as three.js objects: one InstancedMesh per part type and one LineSegments2 per
 * link family, so the whole hall costs about a dozen draw calls whatever the part counts.
 */
export interface HallObjects {
  root: Group
  layout: HallLayout
  racks: InstancedMesh
  nodes: InstancedMesh
  dies: InstancedMesh
  cpus: InstancedMesh
  l1Switches: InstancedMesh
  l2Switches: InstancedMesh
  ubLinks: LineSegments2
  uplinks: LineSegments2
  ubRoutes: LinkRoutes
  uplinkRoutes: LinkRoutes
  dispose(): void
}

type Lit = 'lit' | 'unlit'

function material(kind: Lit): Material {
  // Data-coloured chips are unlit so their colour is exactly the legend's, whatever the light.
  return kind === 'unlit'
    ? new MeshBasicMaterial({ toneMapped: false })
    : new MeshStandardMaterial({ roughness: 0.65, metalness: 0.15 })
}

function instanced(name: string, part: PartLayout, kind: Lit, color: (i: number) => string) {
  const mesh = new InstancedMesh(new BoxGeometry(...part.size), material(kind), part.count)
  mesh.name = name
  const m = new Matrix4()
  const c = new Color()
  for (let i = 0; i < part.count; i++) {
    const p = part.centers
    mesh.setMatrixAt(i, m.makeTranslation(p[i * 3]!, p[i * 3 + 1]!, p[i * 3 + 2]!))
    mesh.setColorAt(i, c.set(color(i)))
  }
  mesh.computeBoundingSphere()
  return mesh
}

function scaledBoxes(name: string, boxes: BoxLayout, color: string): InstancedMesh {
  const mesh = new InstancedMesh(new BoxGeometry(1, 1, 1), material('lit'), boxes.count)
  mesh.name = name
  const m = new Matrix4()
  const identity = new Quaternion()
  for (let i = 0; i < boxes.count; i++) {
    const at = new Vector3().fromArray(boxes.centers, i * 3)
    const size = new Vector3().fromArray(boxes.sizes, i * 3)
    mesh.setMatrixAt(i, m.compose(at, identity, size))
    mesh.setColorAt(i, new Color(color))
  }
  mesh.computeBoundingSphere()
  return mesh
}

function lines(name: string, routes: LinkRoutes, linewidth: number): LineSegments2 {
  const geometry = new LineSegmentsGeometry()
  geometry.setPositions(routes.positions)
  geometry.setColors(new Float32Array(routes.segmentCount * 6))
  const object = new LineSegments2(geometry, new LineMaterial({ vertexColors: true, linewidth }))
  object.name = name
  return object
}

function floor(layout: HallLayout): Group {
  const group = new Group()
  group.name = 'floor'
  // Raised-floor tiles are 600 mm; the grid is centred so tile edges meet the aisle edges.
  const tile = 0.6
  const half = Math.ceil(Math.max(layout.exitX, layout.bounds.maxZ) / tile + 2) * tile
  const slab = new Mesh(
    new PlaneGeometry(2 * half, 2 * half).rotateX(-Math.PI / 2),
    new MeshStandardMaterial({ color: PALETTE.floor, roughness: 0.9 })
  )
  const grid = new GridHelper(2 * half, Math.round((2 * half) / tile), PALETTE.floorGrid)
  grid.position.y = 0.002
  const aisleLength = layout.bounds.maxX - layout.bounds.minX
  const aisle = new Mesh(
    new PlaneGeometry(aisleLength, AISLE_WIDTH).rotateX(-Math.PI / 2),
    new MeshStandardMaterial({ color: PALETTE.aisle, roughness: 0.8 })
  )
  aisle.position.y = 0.001
  group.add(slab, aisle, grid)
  return group
}

export function createHallObjects(topology: Topology): HallObjects {
  const layout = buildHallLayout(topology)
  const ub = ubLinkRoutes(topology, layout)
  const up = uplinkRoutes(topology, layout)
  const rackColor = (i: number): string =>
    topology.racks[i]!.kind === 'compute' ? PALETTE.computeRack : PALETTE.communicationRack
  const noData = (): string => NO_DATA_COLOR

  const objects = {
    layout,
    racks: instanced('racks', layout.racks, 'lit', rackColor),
    nodes: instanced('nodes', layout.nodes, 'lit', () => PALETTE.nodePanel),
    dies: instanced('dies', layout.dies, 'unlit', noData),
    cpus: instanced('cpus', layout.cpus, 'unlit', noData),
    l1Switches: instanced('l1Switches', layout.l1Switches, 'lit', () => PALETTE.switchChip),
    l2Switches: instanced('l2Switches', layout.l2Switches, 'lit', () => PALETTE.switchChip),
    ubLinks: lines('ubLinks', ub, 1.2),
    uplinks: lines('uplinks', up, 1.6),
    ubRoutes: ub,
    uplinkRoutes: up
  }
  const shelves = instanced('shelves', layout.shelves, 'lit', () => PALETTE.shelf)
  const trays = scaledBoxes('trays', layout.trays, PALETTE.tray)
  for (const mesh of [objects.dies, objects.cpus]) mesh.instanceColor!.setUsage(DynamicDrawUsage)

  const root = new Group()
  root.name = 'hall'
  root.add(
    floor(layout),
    objects.racks,
    objects.nodes,
    shelves,
    objects.dies,
    objects.cpus,
    objects.l1Switches,
    objects.l2Switches,
    trays,
    objects.ubLinks,
    objects.uplinks
  )
  const hall: HallObjects = {
    ...objects,
    root,
    dispose() {
      root.traverse((o) => {
        if (o instanceof Mesh || o instanceof LineSegments2 || o instanceof GridHelper) {
          o.geometry.dispose()
          const materials = Array.isArray(o.material) ? o.material : [o.material]
          for (const m of materials) m.dispose()
        }
      })
    }
  }
  paintTelemetry(hall, null)
  return hall
}

/** Writes a frame's utilizations into instance and segment colours; null paints "no data". */
export function paintTelemetry(hall: HallObjects, frame: FrameView | null): void {
  const dieColors = hall.dies.instanceColor!
  writeUtilizationColors(
    dieColors.array as Float32Array,
    frame?.dieCompute ?? null,
    frame?.dieRole ?? null
  )
  dieColors.needsUpdate = true
  const cpuColors = hall.cpus.instanceColor!
  writeUtilizationColors(cpuColors.array as Float32Array, frame?.cpuUtilization ?? null)
  cpuColors.needsUpdate = true
  for (const [object, routes] of [
    [hall.ubLinks, hall.ubRoutes],
    [hall.uplinks, hall.uplinkRoutes]
  ] as const) {
    // Start and end colours share one interleaved buffer (rgb, rgb per segment).
    const attribute = object.geometry.getAttribute(
      'instanceColorStart'
    ) as InterleavedBufferAttribute
    const buffer = attribute.data
    writeSegmentColors(
      buffer.array as Float32Array,
      routes.segmentLink,
      frame?.linkUtilization ?? null
    )
    buffer.needsUpdate = true
  }
}
