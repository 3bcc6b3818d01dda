/**
 * Telemetry frame layout, version 2: one ArrayBuffer per sampled instant, little-endian.
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
 *   36     u32   experts   (routed experts of the model; 0 when not simulated)
 *   40     u32   expert slots (placed copies of experts, decode instance)
 *   44     u32   kpis      (KPI_NAMES.length of the writer)
 *
 * then the sections, in this order, each starting on a 4-byte boundary (8 for f64); entities
 * are in topology index order (engine/topology):
 *
 *   dieCompute       f32 x dies    compute utilization over the interval, 0..1 (achieved FLOP/s / peak)
 *   dieHbmBandwidth  f32 x dies    HBM bandwidth utilization over the interval, 0..1
 *   dieHbmUsedGB     f32 x dies    HBM in use at the instant, GB (weights + KV cache + comm buffers)
 *   cpuUtilization   f32 x cpus    CPU memory-pool (UB port) utilization over the interval, 0..1
 *   linkUtilization  f32 x links   busiest direction over the interval, 0..1 (may exceed 1 when
 *                                  a degraded link is the bottleneck)
 *   expertLoad       f32 x experts load of each routed expert relative to the mean (1 = average)
 *   slotExpert       u16 x slots   expert held by each decode expert slot
 *   slotDie          i16 x slots   die index hosting the slot (-1: lost with a failed die)
 *   kpis             f64 x kpis    KPI_NAMES order; NaN where undefined (e.g. no completions yet)
 *   dieRole          u8  x dies    DieRole
 *
 * Readers reject a frame whose magic, version or counts they do not know. Any change to this
 * table bumps FRAME_LAYOUT_VERSION.
 */
export const FRAME_MAGIC = 0x464e5754
export const FRAME_LAYOUT_VERSION = 2
export const FRAME_HEADER_BYTES = 48

export const DieRole = { idle: 0, prefill: 1, decode: 2, cache: 3, failed: 4 } as const
export type DieRoleName = keyof typeof DieRole
export const DIE_ROLE_NAMES = Object.keys(DieRole) as DieRoleName[]

/** KPIs carried by every frame: window figures cover the interval since the previous frame. */
export const KPI_NAMES = [
  'requestsArrived',
  'requestsCompleted',
  'requestsFailed',
  'requestsInFlight',
  'prefillQueue',
  'kvTransferQueue',
  'decodeQueue',
  'decodeBatch',
  'decodeBatchPerChip',
  'inputTokensPerS',
  'outputTokensPerS',
  'outputTokensPerSPerChip',
  'outputTokensPerSPerTflops',
  'ttftP50Ms',
  'ttftP90Ms',
  'ttftP99Ms',
  'tpotP50Ms',
  'tpotP90Ms',
  'tpotP99Ms',
  'e2eP50S',
  'e2eP99S',
  'sloAttainment',
  'goodputRequestsPerS',
  'kvCacheOccupancy',
  'hbmOccupancy',
  'prefixCacheHitRate',
  'powerKW',
  'outputTokensPerJoule',
  'decodeStepMs',
  'prefillBusy',
  'chipsInService'
] as const
export type KpiName = (typeof KPI_NAMES)[number]
export const KPI_INDEX = Object.fromEntries(KPI_NAMES.map((name, i) => [name, i])) as Record<
  KpiName,
  number
>

/** Topology entities a frame carries one value each for. */
export interface EntityCounts {
  dies: number
  cpus: number
  links: number
}

export interface FrameCounts extends EntityCounts {
  experts: number
  slots: number
  kpis: number
}

/** Entity counts plus the optional sections (none by default; all KPIs of this build). */
export function frameCounts(entities: EntityCounts, extra: Partial<FrameCounts> = {}): FrameCounts {
  return { experts: 0, slots: 0, kpis: KPI_NAMES.length, ...entities, ...extra }
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
  expertLoad: Float32Array
  slotExpert: Uint16Array
  slotDie: Int16Array
  kpis: Float64Array
  dieRole: Uint8Array
}

const align = (n: number, to: number): number => Math.ceil(n / to) * to

function sectionOffsets(c: FrameCounts) {
  const dieCompute = FRAME_HEADER_BYTES
  const dieHbmBandwidth = dieCompute + 4 * c.dies
  const dieHbmUsedGB = dieHbmBandwidth + 4 * c.dies
  const cpuUtilization = dieHbmUsedGB + 4 * c.dies
  const linkUtilization = cpuUtilization + 4 * c.cpus
  const expertLoad = linkUtilization + 4 * c.links
  const slotExpert = expertLoad + 4 * c.experts
  const slotDie = align(slotExpert + 2 * c.slots, 4)
  const kpis = align(slotDie + 2 * c.slots, 8)
  const dieRole = kpis + 8 * c.kpis
  const byteLength = align(dieRole + c.dies, 8)
  return {
    dieCompute,
    dieHbmBandwidth,
    dieHbmUsedGB,
    cpuUtilization,
    linkUtilization,
    expertLoad,
    slotExpert,
    slotDie,
    kpis,
    dieRole,
    byteLength
  }
}

export function frameByteLength(counts: EntityCounts & Partial<FrameCounts>): number {
  return sectionOffsets(frameCounts(counts, counts)).byteLength
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
    expertLoad: new Float32Array(buffer, o.expertLoad, counts.experts),
    slotExpert: new Uint16Array(buffer, o.slotExpert, counts.slots),
    slotDie: new Int16Array(buffer, o.slotDie, counts.slots),
    kpis: new Float64Array(buffer, o.kpis, counts.kpis),
    dieRole: new Uint8Array(buffer, o.dieRole, counts.dies)
  }
}

const COUNT_FIELDS = ['dies', 'cpus', 'links', 'experts', 'slots', 'kpis'] as const

/**
 * Allocates a zeroed frame (every die idle, nothing in use, KPIs NaN) and returns views to fill
 * in. The views alias the buffer: send `frame.buffer` once they are written.
 */
export function createFrame(
  index: number,
  simTimeS: number,
  entities: EntityCounts & Partial<FrameCounts>
): FrameView & { buffer: ArrayBuffer } {
  const counts = frameCounts(entities, entities)
  const byteLength = frameByteLength(counts)
  const buffer = new ArrayBuffer(byteLength)
  const header = new DataView(buffer)
  header.setUint32(0, FRAME_MAGIC, true)
  header.setUint16(4, FRAME_LAYOUT_VERSION, true)
  header.setUint16(6, FRAME_HEADER_BYTES, true)
  header.setUint32(8, index, true)
  header.setUint32(12, byteLength, true)
  header.setFloat64(16, simTimeS, true)
  COUNT_FIELDS.forEach((field, i) => header.setUint32(24 + 4 * i, counts[field], true))
  const view = viewOf(buffer, index, simTimeS, counts)
  view.kpis.fill(NaN)
  return { buffer, ...view }
}

export class FrameFormatError extends Error {
  override name = 'FrameFormatError'
}

/**
 * Reads a frame without copying: the returned arrays are views on `buffer`.
 * Throws FrameFormatError when the buffer is not a frame of this layout, or when `expected`
 * entity counts are given and the frame was made for another topology.
 */
export function decodeFrame(buffer: ArrayBuffer, expected?: EntityCounts): FrameView {
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
  const counts = Object.fromEntries(
    COUNT_FIELDS.map((field, i) => [field, header.getUint32(24 + 4 * i, true)])
  ) as unknown as FrameCounts
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

/** A KPI by name from a decoded frame (NaN when the writer did not carry it). */
export function kpi(view: FrameView, name: KpiName): number {
  const i = KPI_INDEX[name]
  return i < view.kpis.length ? view.kpis[i]! : NaN
}
