import { deflateRawSync, inflateRawSync } from 'node:zlib'
import { createFrame, decodeFrame, FRAME_HEADER_BYTES, type FrameView } from '../../../shared/frame'

/**
 * How frames are stored, codec version 1 (FRAME_CODEC_VERSION): the frame's own 48-byte header,
 * then its sections quantized, the whole deflated (raw DEFLATE, zlib level 6).
 *
 *   section          stored as                      step (max)
 *   dieCompute       u8  round(v * 250)             0.004 (1.02)
 *   dieHbmBandwidth  u8  round(v * 250)             0.004 (1.02)
 *   dieHbmUsedGB     u16 round(GB * 100)            0.01 GB (655 GB)
 *   cpuUtilization   u8  round(v * 250)             0.004 (1.02)
 *   linkUtilization  u16 round(v * 4096)            0.00024 (16: degraded links may exceed 1)
 *   expertLoad       u16 round(v * 4096)            0.00024 (16)
 *   slotExpert       u16 exact
 *   slotDie          i16 exact
 *   kpis             f64 exact
 *   dieRole          u8  exact
 *
 * Every stored frame decodes on its own (no deltas), so seeking reads one row. A frame of the
 * full CloudMatrix384 takes about 57 KB in memory and a few KB stored.
 */
export const FRAME_CODEC_VERSION = 1

const U8_SCALE = 250
const U16_SCALE = 4096
const GB_SCALE = 100

const clamp = (v: number, max: number): number => (v > 0 ? (v < max ? v : max) : 0)

export function encodeStoredFrame(buffer: ArrayBuffer): Buffer {
  const f = decodeFrame(buffer)
  const c = f.counts
  const size =
    FRAME_HEADER_BYTES +
    c.dies * 5 +
    c.cpus +
    c.links * 2 +
    c.experts * 2 +
    c.slots * 4 +
    c.kpis * 8
  const out = Buffer.alloc(size)
  Buffer.from(buffer, 0, FRAME_HEADER_BYTES).copy(out, 0)
  let o = FRAME_HEADER_BYTES
  const u8 = (values: Float32Array, scale: number, max: number): void => {
    for (let i = 0; i < values.length; i++) out[o++] = Math.round(clamp(values[i]! * scale, max))
  }
  const u16 = (values: Float32Array | Uint16Array, scale: number): void => {
    for (let i = 0; i < values.length; i++) {
      out.writeUInt16LE(Math.round(clamp(values[i]! * scale, 65535)), o)
      o += 2
    }
  }
  u8(f.dieCompute, U8_SCALE, 255)
  u8(f.dieHbmBandwidth, U8_SCALE, 255)
  u16(f.dieHbmUsedGB, GB_SCALE)
  u8(f.cpuUtilization, U8_SCALE, 255)
  u16(f.linkUtilization, U16_SCALE)
  u16(f.expertLoad, U16_SCALE)
  u16(f.slotExpert, 1)
  for (let i = 0; i < f.slotDie.length; i++) {
    out.writeInt16LE(f.slotDie[i]!, o)
    o += 2
  }
  for (let i = 0; i < f.kpis.length; i++) {
    out.writeDoubleLE(f.kpis[i]!, o)
    o += 8
  }
  for (let i = 0; i < f.dieRole.length; i++) out[o++] = f.dieRole[i]!
  return deflateRawSync(out, { level: 6 })
}

export class StoredFrameError extends Error {
  override name = 'StoredFrameError'
}

/** Restores a stored frame to the telemetry layout (values within the steps above). */
export function decodeStoredFrame(stored: Uint8Array): ArrayBuffer {
  let raw: Buffer
  try {
    raw = inflateRawSync(stored)
  } catch (error) {
    throw new StoredFrameError(`stored frame is damaged (${(error as Error).message})`)
  }
  if (raw.length < FRAME_HEADER_BYTES) throw new StoredFrameError('stored frame is too short')
  const header = new DataView(raw.buffer, raw.byteOffset, FRAME_HEADER_BYTES)
  const counts = {
    dies: header.getUint32(24, true),
    cpus: header.getUint32(28, true),
    links: header.getUint32(32, true),
    experts: header.getUint32(36, true),
    slots: header.getUint32(40, true),
    kpis: header.getUint32(44, true)
  }
  const frame = createFrame(header.getUint32(8, true), header.getFloat64(16, true), counts)
  let o = FRAME_HEADER_BYTES
  const expected =
    o +
    counts.dies * 5 +
    counts.cpus +
    counts.links * 2 +
    counts.experts * 2 +
    counts.slots * 4 +
    counts.kpis * 8
  if (raw.length !== expected)
    throw new StoredFrameError(
      `stored frame holds ${raw.length} bytes, its header says ${expected}`
    )
  const u8 = (into: Float32Array, scale: number): void => {
    for (let i = 0; i < into.length; i++) into[i] = raw[o++]! / scale
  }
  const u16 = (into: Float32Array, scale: number): void => {
    for (let i = 0; i < into.length; i++, o += 2) into[i] = raw.readUInt16LE(o) / scale
  }
  u8(frame.dieCompute, U8_SCALE)
  u8(frame.dieHbmBandwidth, U8_SCALE)
  u16(frame.dieHbmUsedGB, GB_SCALE)
  u8(frame.cpuUtilization, U8_SCALE)
  u16(frame.linkUtilization, U16_SCALE)
  u16(frame.expertLoad, U16_SCALE)
  for (let i = 0; i < counts.slots; i++, o += 2) frame.slotExpert[i] = raw.readUInt16LE(o)
  for (let i = 0; i < counts.slots; i++, o += 2) frame.slotDie[i] = raw.readInt16LE(o)
  for (let i = 0; i < counts.kpis; i++, o += 8) frame.kpis[i] = raw.readDoubleLE(o)
  for (let i = 0; i < counts.dies; i++) frame.dieRole[i] = raw[o++]!
  return frame.buffer
}

/** The largest difference a stored frame may show against the original, per section. */
export const QUANTIZATION_STEP = {
  dieCompute: 0.5 / U8_SCALE,
  dieHbmBandwidth: 0.5 / U8_SCALE,
  dieHbmUsedGB: 0.5 / GB_SCALE,
  cpuUtilization: 0.5 / U8_SCALE,
  linkUtilization: 0.5 / U16_SCALE,
  expertLoad: 0.5 / U16_SCALE
} satisfies Partial<Record<keyof FrameView, number>>
