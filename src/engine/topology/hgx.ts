import { chips } from '../catalog/chips'
import { deployments } from '../catalog/deployments'
import { links as linkSpecs } from '../catalog/interconnect'
import { systems } from '../catalog/systems'
import type { Die, L1Switch, Link, Npu, Rack, ServerNode, Topology } from './types'
import { addUplinks } from './uplinks'

const pad2 = (n: number): string => String(n).padStart(2, '0')

/**
 * Nodes drawn in one rack. A drawing choice, not a modelled constant: the hall draws a rack
 * with room for 4 nodes (as CloudMatrix384's compute racks hold), and nothing in the twin
 * depends on how HGX nodes share racks (the reference does not say).
 */
const NODES_PER_RACK = 4

/** The systems built of HGX nodes: 8 GPUs on one NVSwitch fabric, a NIC per GPU. */
export type HgxSystemId = 'h800-deepseek' | 'h100-sglang'

/**
 * Builds an HGX cluster part by part from its catalog spec. Each GPU is one `Npu` holding one
 * `Die` (the device the serving plan schedules on, chips.ts devicesPerChip = 1), so die index ==
 * GPU index == the plan's device index. Each node's NVSwitch fabric is drawn as one L1 switch
 * (one sub-plane): the reference says "8 GPUs on NVSwitch" ([CM] 3.5.1; [DeepEP]) but not how
 * many NVSwitch chips, so none is invented. NVLink does not leave the node: no L2 switches and
 * no L1-L2 links; traffic to other nodes leaves through each GPU's own 400 Gb/s CX7 NIC to the
 * RDMA plane.
 *
 * No CPUs: the reference gives no host-CPU figures for HGX nodes (count, memory-pool bandwidth),
 * and the twin models no CPU work on them, so the nodes carry none rather than invented ones.
 *
 * Index order is the contract with telemetry frames, as on CloudMatrix384: nodes in rack order,
 * GPUs by node then slot, one die per GPU, one L1 per node; links die-l1, rdma, vpc.
 */
export function buildHgxCluster(system: HgxSystemId): Topology {
  const spec = systems[deployments[system].system]
  const chip = chips[spec.chip]
  if (chip.devicesPerChip !== 1) {
    throw new Error(`${spec.id}: an HGX GPU is one device, not ${chip.devicesPerChip}`)
  }
  const nodeCount = Math.ceil(spec.chips / spec.chipsPerNode)
  const racks = buildRacks(Math.ceil(nodeCount / NODES_PER_RACK))

  const nodes: ServerNode[] = []
  const npus: Npu[] = []
  const dies: Die[] = []
  const l1Switches: L1Switch[] = []
  for (let index = 0; index < nodeCount; index++) {
    const node: ServerNode = {
      index,
      id: `node-${pad2(index)}`,
      rack: Math.floor(index / NODES_PER_RACK),
      slot: index % NODES_PER_RACK
    }
    nodes.push(node)
    const gpus = Math.min(spec.chipsPerNode, spec.chips - index * spec.chipsPerNode)
    for (let slot = 0; slot < gpus; slot++) {
      const npu: Npu = { index: npus.length, id: `${node.id}.gpu-${slot}`, node: index, slot }
      npus.push(npu)
      dies.push({ index: dies.length, id: `${npu.id}.die-0`, npu: npu.index, node: index, slot: 0 })
    }
    l1Switches.push({ index, id: `${node.id}.nvswitch`, node: index, subPlane: 0 })
  }

  const links: Link[] = []
  const add = (link: Omit<Link, 'index'>): void => {
    links.push({ index: links.length, ...link })
  }
  // NVLink: a GPU's whole scale-up bandwidth goes into its node's NVSwitch fabric
  for (const die of dies) {
    add({
      id: `${die.id}>nvswitch`,
      kind: 'die-l1',
      from: { kind: 'die', index: die.index },
      to: { kind: 'l1', index: die.node },
      gbPerSecond: linkSpecs[spec.scaleUpLink].gbPerSecond
    })
  }
  // one CX7 NIC per GPU, from the GPU (NPU index) as on CloudMatrix384
  addUplinks(add, npus, nodes, {
    rdmaPerNpu: linkSpecs[spec.scaleOutLink].gbPerSecond,
    vpcPerNode: linkSpecs['hgx-frontend'].gbPerSecond
  })

  return {
    system,
    name: spec.name,
    subPlanes: 1,
    racks,
    nodes,
    npus,
    dies,
    cpus: [],
    l1Switches,
    l2Switches: [],
    planes: [
      { index: 0, id: 'rdma', name: 'InfiniBand scale-out plane' },
      { index: 1, id: 'vpc', name: 'Front-end data-centre network' }
    ],
    links
  }
}

/**
 * Compute racks only, in two rows facing one aisle (the hall's layout): the first half of the
 * racks in row 0, the rest in row 1, columns from 0. Also a drawing choice.
 */
function buildRacks(count: number): Rack[] {
  const firstRow = Math.ceil(count / 2)
  return Array.from({ length: count }, (_, index) => {
    const row = index < firstRow ? 0 : 1
    return {
      index,
      id: `rack-${pad2(index)}`,
      kind: 'compute' as const,
      row,
      column: row === 0 ? index : index - firstRow
    }
  })
}
