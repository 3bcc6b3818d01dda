/**
 * Telemetry frame layout, version 1: one ArrayBuffer per sampled instant, little-endian.
 *
 *   offset size  field
 *   0      u32   magic 0x464e5754 ("TWNF" read as ASCII bytes)
 *   4      u16   layout version (FRAME_LAYOUT_VERSION)
 *   6      u16   header length in bytes (FRAME_HEADER_BYTES)
 *   8      u32   frame index within its run
 *   12     u32   byte length of the whole frame
 *   16     f64   simulated time, seconds since the run started
 *   24     u32   dies      (entity counts; must match the system's topology)
 *   28     u32   cpus
 *   32     u32   links
 *   36     u32   reserved (0)
 *
 * then the sections, in this order, each starting on a 4-byte boundary; entities are in
 * topology index order (engine/topology):
 *
 *   dieCompute       f32 x dies   compute (cube) utilization, 0..1
 *   dieHbmBandwidth  f32 x dies   HBM bandwidth utilization, 0..1
 *   dieHbmUsedGB     f32 x dies   HBM bytes in use, GB (weights + KV cache + comm buffers)
 *   cpuUtilization   f32 x cpus   0..1
 *   linkUtilization  f32 x links  busiest direction, 0..1
 *   dieRole          u8  x dies   DieRole
 *
 * Readers reject a frame whose magic, version or counts they do not know. Any change to this
 * table bumps FRAME_LAYOUT_VERSION.
 */
export const FRAME_MAGIC = 0x464e5754
export const FRAME_LAYOUT_VERSION = 1
export const FRAME_HEADER_BYTES = 40

export const DieRole = { idle: 0, prefill: 1, decode: 2, cache: 3, failed: 4 } as const
export type DieRoleName = keyof typeof DieRole
export const DIE_ROLE_NAMES = Object.keys(DieRole) as DieRoleName[]

export interface FrameCounts {
  dies: number
  cpus: number
  links: number
}

export interface FrameView {
  index: number
  simTimeS: number
  counts: FrameCounts
  dieCompute: Float32Array
  dieHbmBandwidth: Float32Array
  dieHbmUsedGB: Float32Array
  cpuUtilization: Float32Array
  linkUtilization: Float32Array
  dieRole: Uint8Array
}

interface SectionOffsets {
  dieCompute: number
  dieHbmBandwidth: number
  dieHbmUsedGB: number
  cpuUtilization: number
  linkUtilization: number
  dieRole: number
  byteLength: number
}

const align4 = (n: number): number => (n + 3) & ~3

function sectionOffsets({ dies, cpus, links }: FrameCounts): SectionOffsets {
  const dieCompute = FRAME_HEADER_BYTES
  const dieHbmBandwidth = dieCompute + 4 * dies
  const dieHbmUsedGB = dieHbmBandwidth + 4 * dies
  const cpuUtilization = dieHbmUsedGB + 4 * dies
  const linkUtilization = cpuUtilization + 4 * cpus
  const dieRole = linkUtilization + 4 * links
  const byteLength = align4(dieRole + dies)
  return {
    dieCompute,
    dieHbmBandwidth,
    dieHbmUsedGB,
    cpuUtilization,
    linkUtilization,
    dieRole,
    byteLength
  }
}

export function frameByteLength(counts: FrameCounts): number {
  return sectionOffsets(counts).byteLength
}

function viewOf(
  buffer: ArrayBuffer,
  index: number,
  simTimeS: number,
  counts: FrameCounts
): FrameView {
  const o = sectionOffsets(counts)
  return {
    index,
    simTimeS,
    counts,
    dieCompute: new Float32Array(buffer, o.dieCompute, counts.dies),
    dieHbmBandwidth: new Float32Array(buffer, o.dieHbmBandwidth, counts.dies),
    dieHbmUsedGB: new Float32Array(buffer, o.dieHbmUsedGB, counts.dies),
    cpuUtilization: new Float32Array(buffer, o.cpuUtilization, counts.cpus),
    linkUtilization: new Float32Array(buffer, o.linkUtilization, counts.links),
    dieRole: new Uint8Array(buffer, o.dieRole, counts.dies)
  }
}

/**
 * Allocates a zeroed frame (every die idle, nothing in use) and returns views to fill in.
 * The views alias the buffer: send `frame.buffer` once they are written.
 */
export function createFrame(
  index: number,
  simTimeS: number,
  counts: FrameCounts
): FrameView & { buffer: ArrayBuffer } {
  const byteLength = frameByteLength(counts)
  const buffer = new ArrayBuffer(byteLength)
  const header = new DataView(buffer)
  header.setUint32(0, FRAME_MAGIC, true)
  header.setUint16(4, FRAME_LAYOUT_VERSION, true)
  header.setUint16(6, FRAME_HEADER_BYTES, true)
  header.setUint32(8, index, true)
  header.setUint32(12, byteLength, true)
  header.setFloat64(16, simTimeS, true)
  header.setUint32(24, counts.dies, true)
  header.setUint32(28, counts.cpus, true)
  header.setUint32(32, counts.links, true)
  return { buffer, ...viewOf(buffer, index, simTimeS, counts) }
}

export class FrameFormatError extends Error {
  override name = 'FrameFormatError'
}

/**
 * Reads a frame without copying: the returned arrays are views on `buffer`.
 * Throws FrameFormatError when the buffer is not a frame of this layout, or when `expected`
 * counts are given and the frame was made for another topology.
 */
export function decodeFrame(buffer: ArrayBuffer, expected?: FrameCounts): FrameView {
  if (buffer.byteLength < FRAME_HEADER_BYTES) {
    throw new FrameFormatError(`frame too short: ${buffer.byteLength} bytes`)
  }
  const header = new DataView(buffer)
  if (header.getUint32(0, true) !== FRAME_MAGIC) throw new FrameFormatError('not a telemetry frame')
  const version = header.getUint16(4, true)
  if (version !== FRAME_LAYOUT_VERSION) {
    throw new FrameFormatError(
      `frame layout version ${version} is not supported (this build reads ${FRAME_LAYOUT_VERSION})`
    )
  }
  const counts: FrameCounts = {
    dies: header.getUint32(24, true),
    cpus: header.getUint32(28, true),
    links: header.getUint32(32, true)
  }
  const byteLength = header.getUint32(12, true)
  if (byteLength !== buffer.byteLength || byteLength !== frameByteLength(counts)) {
    throw new FrameFormatError(`frame length ${buffer.byteLength} does not match its header`)
  }
  if (
    expected &&
    (expected.dies !== counts.dies ||
      expected.cpus !== counts.cpus ||
      expected.links !== counts.links)
  ) {
    throw new FrameFormatError('frame was made for another topology')
  }
  return viewOf(buffer, header.getUint32(8, true), header.getFloat64(16, true), counts)
}
