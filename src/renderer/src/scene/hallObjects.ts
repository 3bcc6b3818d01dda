import {
  BoxGeometry,
  Color,
  DirectionalLight,
  DynamicDrawUsage,
  GridHelper,
  Group,
  HemisphereLight,
  InstancedBufferAttribute,
  InstancedMesh,
  type InterleavedBufferAttribute,
  type Material,
  Matrix4,
  Mesh,
  MeshBasicMaterial,
  MeshStandardMaterial,
  Plane,
  PlaneGeometry,
  Quaternion,
  Vector3
} from 'three'
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js'
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js'
import type { Topology } from '../../../engine/topology/types'
import type { FrameView } from '../../../shared/frame'
import { DIE_METRIC_SPECS, type DieMetricSpec } from '../view/dieMetrics'
import type { Theme } from '../view/viewState'
import {
  NO_DATA_COLOR,
  writeDieColors,
  writeSegmentValueColors,
  writeUtilizationColors
} from './colorMap'
import { AISLE_WIDTH } from './dimensions'
import { type BoxLayout, type HallLayout, type PartLayout, buildHallLayout } from './layout'
import { type LinkBundles, bundleRoutes, bundleUtilization } from './linkBundles'
import { type FlowUniforms, LinkFlow, attachFlow, flowMaterial } from './linkMotion'
import { type LinkRoutes, ubLinkRoutes, uplinkRoutes } from './linkRoutes'
import { PALETTE, ROOM } from './palette'
import { layoutOf } from './parts'
import { type SelectionMarker, createSelectionMarker, partBox } from './selectionMarker'

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
  /** switch enclosures of the communication racks (picking one picks its rack) */
  shelves: InstancedMesh
  ubLinks: LineSegments2
  uplinks: LineSegments2
  /** every link's own cable run (picking, the selection outline) */
  ubRoutes: LinkRoutes
  uplinkRoutes: LinkRoutes
  /** the runs as drawn: coincident segments merged (see linkBundles.ts) */
  ubBundles: LinkBundles
  uplinkBundles: LinkBundles
  flow: { ub: LinkFlow; uplinks: LinkFlow; uniforms: FlowUniforms }
  marker: SelectionMarker
  /**
   * Cuts away what stands between a close-up camera and a rack front (the row across the
   * narrow aisle). Always set on the machine's materials, parked far away when not in use, so
   * switching it on or off never recompiles a shader.
   */
  clip: Plane
  room: Room
  dispose(): void
}

interface Room {
  background: Color
  hemisphere: HemisphereLight
  floor: MeshStandardMaterial
  aisle: MeshStandardMaterial
  grid: GridHelper
}

/** the clip plane's resting place: every point of the hall is on its kept side */
export const CLIP_PARKED = 1e6

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
  // made here rather than by the first setColorAt, so a part type with no instances (the CPUs
  // of an HGX node) still has the colour buffer telemetry paints into
  mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(part.count * 3), 3)
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

function lines(
  name: string,
  bundles: LinkBundles,
  linewidth: number,
  uniforms: FlowUniforms
): { object: LineSegments2; flow: LinkFlow } {
  const geometry = new LineSegmentsGeometry()
  geometry.setPositions(bundles.positions)
  geometry.setColors(new Float32Array(bundles.segmentCount * 6))
  const flow = new LinkFlow(bundles.segmentCount)
  attachFlow(geometry, bundles, flow)
  const object = new LineSegments2(geometry, flowMaterial(linewidth, uniforms))
  object.name = name
  return { object, flow }
}

function floor(layout: HallLayout): { group: Group } & Omit<Room, 'background' | 'hemisphere'> {
  const group = new Group()
  group.name = 'floor'
  // Raised-floor tiles are 600 mm; the grid is centred so tile edges meet the aisle edges.
  const tile = 0.6
  const half = Math.ceil(Math.max(layout.exitX, layout.bounds.maxZ) / tile + 2) * tile
  const floorMaterial = new MeshStandardMaterial({ color: ROOM.dark.floor, roughness: 0.9 })
  const slab = new Mesh(new PlaneGeometry(2 * half, 2 * half).rotateX(-Math.PI / 2), floorMaterial)
  const grid = new GridHelper(2 * half, Math.round((2 * half) / tile))
  grid.position.y = 0.002
  const aisleLength = layout.bounds.maxX - layout.bounds.minX
  const aisleMaterial = new MeshStandardMaterial({ color: ROOM.dark.aisle, roughness: 0.8 })
  const aisle = new Mesh(
    new PlaneGeometry(aisleLength, AISLE_WIDTH).rotateX(-Math.PI / 2),
    aisleMaterial
  )
  aisle.position.y = 0.001
  group.add(slab, aisle, grid)
  return { group, floor: floorMaterial, aisle: aisleMaterial, grid }
}

function lights(): { group: Group; hemisphere: HemisphereLight } {
  const group = new Group()
  group.name = 'lights'
  const hemisphere = new HemisphereLight(ROOM.dark.sky, ROOM.dark.ground, ROOM.dark.hemisphere)
  const key = new DirectionalLight('#ffffff', 1.6)
  key.position.set(4, 9, 6)
  const fill = new DirectionalLight('#ffffff', 0.6)
  fill.position.set(-5, 6, -4)
  group.add(hemisphere, key, fill)
  return { group, hemisphere }
}

export function createHallObjects(topology: Topology): HallObjects {
  const layout = buildHallLayout(topology)
  const ub = ubLinkRoutes(topology, layout)
  const up = uplinkRoutes(topology, layout)
  const rackColor = (i: number): string =>
    topology.racks[i]!.kind === 'compute' ? PALETTE.computeRack : PALETTE.communicationRack
  const noData = (): string => NO_DATA_COLOR
  const uniforms: FlowUniforms = { flowTime: { value: 0 }, flowOn: { value: 1 } }
  const ubBundles = bundleRoutes(ub)
  const upBundles = bundleRoutes(up)
  const ubLines = lines('ubLinks', ubBundles, 1.2, uniforms)
  const upLines = lines('uplinks', upBundles, 1.6, uniforms)

  const parts = {
    racks: instanced('racks', layout.racks, 'lit', rackColor),
    nodes: instanced('nodes', layout.nodes, 'lit', () => PALETTE.nodePanel),
    dies: instanced('dies', layout.dies, 'unlit', noData),
    cpus: instanced('cpus', layout.cpus, 'unlit', noData),
    l1Switches: instanced('l1Switches', layout.l1Switches, 'lit', () => PALETTE.switchChip),
    l2Switches: instanced('l2Switches', layout.l2Switches, 'lit', () => PALETTE.switchChip),
    shelves: instanced('shelves', layout.shelves, 'lit', () => PALETTE.shelf)
  }
  const trays = scaledBoxes('trays', layout.trays, PALETTE.tray)
  for (const mesh of [parts.dies, parts.cpus]) mesh.instanceColor!.setUsage(DynamicDrawUsage)
  const marker = createSelectionMarker({ ub, uplinks: up }, (part) => {
    const boxes = layoutOf(layout, part.kind)
    const box = boxes ? partBox(boxes, part.index) : null
    // parts on a rack front are flat: outline their face, not a box seen twice
    return box && part.kind !== 'rack' ? { ...box, size: [box.size[0]!, box.size[1]!, 0] } : box
  })

  const clip = new Plane(new Vector3(0, 0, 1), CLIP_PARKED)
  const clipped: { material: Material | Material[] }[] = [
    ...Object.values(parts),
    trays,
    ubLines.object,
    upLines.object,
    marker.object
  ]
  for (const o of clipped) for (const m of [o.material].flat()) m.clippingPlanes = [clip]

  const room = floor(layout)
  const light = lights()
  const root = new Group()
  root.name = 'hall'
  root.add(
    light.group,
    room.group,
    ...Object.values(parts),
    trays,
    ubLines.object,
    upLines.object,
    marker.object
  )
  const hall: HallObjects = {
    ...parts,
    layout,
    root,
    ubLinks: ubLines.object,
    uplinks: upLines.object,
    ubRoutes: ub,
    uplinkRoutes: up,
    ubBundles,
    uplinkBundles: upBundles,
    flow: { ub: ubLines.flow, uplinks: upLines.flow, uniforms },
    marker,
    clip,
    room: {
      background: new Color(ROOM.dark.background),
      hemisphere: light.hemisphere,
      floor: room.floor,
      aisle: room.aisle,
      grid: room.grid
    },
    dispose() {
      root.traverse((o) => {
        if (o instanceof Mesh || o instanceof LineSegments2 || o instanceof GridHelper) {
          o.geometry.dispose()
          const materials = Array.isArray(o.material) ? o.material : [o.material]
          for (const m of materials) m.dispose()
        }
        // the per-instance matrices and colours are buffers of their own on the GPU
        if (o instanceof InstancedMesh) o.dispose()
      })
    }
  }
  applyRoom(hall, 'dark')
  paintTelemetry(hall, null)
  return hall
}

let scratchValues = new Float32Array(0)
/** one reusable array for the per-segment utilizations of a paint: no allocation per frame */
function scratch(length: number): Float32Array {
  if (scratchValues.length < length) scratchValues = new Float32Array(length)
  return scratchValues
}

/**
 * Writes a frame into instance and segment colours and the links' pulse speeds; null paints
 * "no data". `elapsedS` is the animation time since the last paint (see LinkFlow).
 */
export function paintTelemetry(
  hall: HallObjects,
  frame: FrameView | null,
  spec: DieMetricSpec = DIE_METRIC_SPECS.compute,
  elapsedS = 0
): void {
  const dieColors = hall.dies.instanceColor!
  writeDieColors(dieColors.array as Float32Array, frame, spec)
  dieColors.needsUpdate = true
  const cpuColors = hall.cpus.instanceColor!
  writeUtilizationColors(cpuColors.array as Float32Array, frame?.cpuUtilization ?? null)
  cpuColors.needsUpdate = true
  const utilization = frame?.linkUtilization ?? null
  for (const [object, bundles, flow] of [
    [hall.ubLinks, hall.ubBundles, hall.flow.ub],
    [hall.uplinks, hall.uplinkBundles, hall.flow.uplinks]
  ] as const) {
    const busiest = bundleUtilization(bundles, utilization, scratch(bundles.segmentCount))
    // Start and end colours share one interleaved buffer (rgb, rgb per segment).
    const attribute = object.geometry.getAttribute(
      'instanceColorStart'
    ) as InterleavedBufferAttribute
    const buffer = attribute.data
    writeSegmentValueColors(buffer.array as Float32Array, utilization ? busiest : null)
    buffer.needsUpdate = true
    flow.update(utilization ? busiest : null, elapsedS)
    ;(object.geometry.getAttribute('instanceFlow') as InstancedBufferAttribute).needsUpdate = true
  }
  hall.flow.uniforms.flowTime.value = 0
}

/** animation seconds since the last paint, and whether pulses show at all */
export function setFlowClock(hall: HallObjects, sincePaintS: number, motion: boolean): void {
  hall.flow.uniforms.flowTime.value = sincePaintS
  hall.flow.uniforms.flowOn.value = motion ? 1 : 0
}

/** Dresses the room for a theme; the machine and its data colours stay as they are. */
export function applyRoom(hall: HallObjects, theme: Theme): void {
  const palette = ROOM[theme]
  const { room } = hall
  room.background.set(palette.background)
  room.floor.color.set(palette.floor)
  room.aisle.color.set(palette.aisle)
  room.hemisphere.color.set(palette.sky)
  room.hemisphere.groundColor.set(palette.ground)
  room.hemisphere.intensity = palette.hemisphere
  const grid = room.grid.geometry.getAttribute('color')
  const line = new Color(palette.floorGrid)
  for (let i = 0; i < grid.count; i++) grid.setXYZ(i, line.r, line.g, line.b)
  grid.needsUpdate = true
  hall.marker.material.color.set(palette.selection)
}
