import type { Link, Npu, ServerNode } from './types'

/**
 * The links that leave a system for the networks outside it, in frame order after its own:
 * one RDMA link per NPU or GPU (its scale-out NIC; plane 0) and one VPC link per node (the
 * data-centre front end; plane 1). Every system with parts has both, whatever its fabric.
 */
export function addUplinks(
  add: (link: Omit<Link, 'index'>) => void,
  npus: readonly Npu[],
  nodes: readonly ServerNode[],
  gbPerSecond: { rdmaPerNpu: number; vpcPerNode: number }
): void {
  for (const npu of npus) {
    add({
      id: `${npu.id}>rdma`,
      kind: 'rdma',
      from: { kind: 'npu', index: npu.index },
      to: { kind: 'plane', index: 0 },
      gbPerSecond: gbPerSecond.rdmaPerNpu
    })
  }
  for (const node of nodes) {
    add({
      id: `${node.id}>vpc`,
      kind: 'vpc',
      from: { kind: 'node', index: node.index },
      to: { kind: 'plane', index: 1 },
      gbPerSecond: gbPerSecond.vpcPerNode
    })
  }
}
