import { cloudMatrix384, type CloudMatrix384Spec } from '../catalog/cloudmatrix384'
import type { Cpu, Die, L1Switch, L2Switch, Link, Npu, Rack, ServerNode, Topology } from './types'
import { addUplinks } from './uplinks'

const pad2 = (n: number): string => String(n).padStart(2, '0')

/**
 * Builds the CloudMatrix384 supernode part by part. Index order is the contract with telemetry
 * frames: nodes in rack order, NPUs and CPUs by node then slot, dies by NPU then slot, L1 chips
 * by node then sub-plane, L2 chips by sub-plane then slot.
 */
export function buildCloudMatrix384(spec: CloudMatrix384Spec = cloudMatrix384): Topology {
  const racks = buildRacks(spec)
  const nodes: ServerNode[] = []
  for (const rack of racks) {
    if (rack.kind !== 'compute') continue
    for (let slot = 0; slot < spec.nodesPerComputeRack; slot++) {
      const index = nodes.length
      nodes.push({ index, id: `node-${pad2(index)}`, rack: rack.index, slot })
    }
  }

  const npus: Npu[] = []
  const dies: Die[] = []
  const cpus: Cpu[] = []
  const l1Switches: L1Switch[] = []
  for (const node of nodes) {
    for (let slot = 0; slot < spec.npusPerNode; slot++) {
      const npu: Npu = { index: npus.length, id: `${node.id}.npu-${slot}`, node: node.index, slot }
      npus.push(npu)
      for (let d = 0; d < spec.diesPerNpu; d++) {
        dies.push({
          index: dies.length,
          id: `${npu.id}.die-${d}`,
          npu: npu.index,
          node: node.index,
          slot: d
        })
      }
    }
    for (let slot = 0; slot < spec.cpusPerNode; slot++) {
      cpus.push({ index: cpus.length, id: `${node.id}.cpu-${slot}`, node: node.index, slot })
    }
    for (let subPlane = 0; subPlane < spec.l1SwitchesPerNode; subPlane++) {
      l1Switches.push({
        index: l1Switches.length,
        id: `${node.id}.l1-${subPlane}`,
        node: node.index,
        subPlane
      })
    }
  }

  const communicationRacks = racks.filter((r) => r.kind === 'communication')
  const l2PerRack = spec.l2SwitchesPerSubPlane / communicationRacks.length
  const l2Switches: L2Switch[] = []
  for (let subPlane = 0; subPlane < spec.subPlanes; subPlane++) {
    for (let slot = 0; slot < spec.l2SwitchesPerSubPlane; slot++) {
      const rack = communicationRacks[Math.floor(slot / l2PerRack)]!
      l2Switches.push({
        index: l2Switches.length,
        id: `plane-${subPlane}.l2-${pad2(slot)}`,
        subPlane,
        slot,
        rack: rack.index
      })
    }
  }

  const planes = [
    { index: 0, id: 'rdma', name: 'RDMA scale-out plane' },
    { index: 1, id: 'vpc', name: 'VPC data-centre plane' }
  ] as const
  const links = buildLinks(spec, nodes, npus, dies, l1Switches, l2Switches)

  return {
    system: 'cloudmatrix384',
    name: spec.name,
    subPlanes: spec.subPlanes,
    racks,
    nodes,
    npus,
    dies,
    cpus,
    l1Switches,
    l2Switches,
    planes: planes.map((p) => ({ ...p })),
    links
  }
}

function buildRacks(spec: CloudMatrix384Spec): Rack[] {
  // Compute racks take indices 0..11 and communication racks 12..15, whatever their floor spot.
  const spots: { row: number; column: number; kind: Rack['kind'] }[] = []
  for (let row = 0; row < spec.floor.rows; row++) {
    for (let column = 0; column < spec.floor.racksPerRow; column++) {
      const communication = (spec.floor.communicationColumns as readonly number[]).includes(column)
      spots.push({ row, column, kind: communication ? 'communication' : 'compute' })
    }
  }
  const ordered = [
    ...spots.filter((s) => s.kind === 'compute'),
    ...spots.filter((s) => s.kind === 'communication')
  ]
  const computeCount = ordered.filter((s) => s.kind === 'compute').length
  if (
    computeCount !== spec.computeRacks ||
    ordered.length - computeCount !== spec.communicationRacks
  ) {
    throw new Error(`${spec.id}: floor layout does not hold the rack counts of the spec`)
  }
  return ordered.map((spot, index) => ({ index, id: `rack-${pad2(index)}`, ...spot }))
}

function buildLinks(
  spec: CloudMatrix384Spec,
  nodes: ServerNode[],
  npus: Npu[],
  dies: Die[],
  l1Switches: L1Switch[],
  l2Switches: L2Switch[]
): Link[] {
  const links: Link[] = []
  const add = (link: Omit<Link, 'index'>): void => {
    links.push({ index: links.length, ...link })
  }
  const l1Of = (node: number, subPlane: number): L1Switch =>
    l1Switches[node * spec.l1SwitchesPerNode + subPlane]!

  for (const die of dies) {
    for (let subPlane = 0; subPlane < spec.l1SwitchesPerNode; subPlane++) {
      const l1 = l1Of(die.node, subPlane)
      add({
        id: `${die.id}>l1-${subPlane}`,
        kind: 'die-l1',
        from: { kind: 'die', index: die.index },
        to: { kind: 'l1', index: l1.index },
        gbPerSecond: spec.link.dieToL1GBps
      })
    }
  }
  for (const l1 of l1Switches) {
    for (let slot = 0; slot < spec.l2SwitchesPerSubPlane; slot++) {
      const l2 = l2Switches[l1.subPlane * spec.l2SwitchesPerSubPlane + slot]!
      add({
        id: `${l1.id}>${l2.id}`,
        kind: 'l1-l2',
        from: { kind: 'l1', index: l1.index },
        to: { kind: 'l2', index: l2.index },
        gbPerSecond: spec.link.l1ToL2GBps
      })
    }
  }
  addUplinks(add, npus, nodes, {
    rdmaPerNpu: spec.link.rdmaPerNpuGBps,
    vpcPerNode: spec.link.vpcPerNodeGBps
  })
  return links
}
