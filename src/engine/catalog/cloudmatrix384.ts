/**
 * Huawei CloudMatrix384: the structure of the supernode, as published.
 * Sources (keys as in shared/reference/README.md):
 *   [CM] Huawei and SiliconFlow, "Serving Large Language Models on Huawei CloudMatrix384",
 *        arXiv 2506.12708 v2, sections 3.2 (Ascend 910C) and 3.3 (node and supernode).
 * Items marked "assumed" are not published; they only place parts on the floor and never
 * enter a performance figure.
 */
export const cloudMatrix384 = {
  id: 'cloudmatrix384',
  name: 'Huawei CloudMatrix384',
  /** 12 compute racks of 4 nodes and 4 communication racks holding the L2 UB switches. [CM] 3.3 */
  computeRacks: 12,
  communicationRacks: 4,
  nodesPerComputeRack: 4,
  /** 8 Ascend 910C NPUs, 4 Kunpeng CPUs and 7 L1 UB switch chips per node. [CM] 3.3 */
  npusPerNode: 8,
  cpusPerNode: 4,
  l1SwitchesPerNode: 7,
  /** Each 910C package holds 2 compute dies, each a separate device to software. [CM] 3.2 */
  diesPerNpu: 2,
  /**
   * 7 independent sub-planes of 16 L2 switch chips; L1 chip i of every node belongs to
   * sub-plane i and has one link to each of the 16 L2 chips of that sub-plane. [CM] 3.3
   */
  subPlanes: 7,
  l2SwitchesPerSubPlane: 16,
  /** L2 chip radix: 48 ports x 28 GB/s, one port per node. [CM] 3.3 */
  l2PortsPerSwitch: 48,
  link: {
    /**
     * Each die has 7 UB links of 224 Gbps (28 GB/s one way), one to each L1 chip of its node;
     * each L1 chip thus has 16 die-facing links matching its 16 x 28 GB/s uplinks. [CM] 3.2, 3.3
     */
    dieToL1GBps: 28,
    /** L1-L2 optical link: 28 GB/s one way. [CM] 3.3 */
    l1ToL2GBps: 28,
    /** RDMA (scale-out) plane: 400 Gbps one way per NPU package (200 Gbps per die). [CM] 3.2, 3.3 */
    rdmaPerNpuGBps: 50,
    /** VPC plane: 400 Gbps per node through a DPU card. [CM] 3.3 */
    vpcPerNodeGBps: 50
  },
  /**
   * Floor layout (assumed: [CM] does not publish it): two rows of 8 racks facing a shared aisle,
   * two communication racks in the middle of each row so that optical runs stay short.
   * Each communication rack holds a quarter of every sub-plane's L2 chips (4 of 16), so losing
   * one rack degrades every sub-plane a little instead of one sub-plane entirely.
   */
  floor: {
    rows: 2,
    racksPerRow: 8,
    communicationColumns: [3, 4]
  }
} as const

export type CloudMatrix384Spec = typeof cloudMatrix384
