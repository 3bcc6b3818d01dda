/** WebM facts for the export tests, read from the file's EBML elements. */

/** Duration of a WebM: Segment Info's Duration (0x4489, float) times TimestampScale (0x2AD7B1). */
export function webmDurationS(bytes: Buffer): number {
  const find = (id: number[]): number => {
    for (let i = 0; i < bytes.length - id.length; i++) {
      if (id.every((b, k) => bytes[i + k] === b)) return i + id.length
    }
    return -1
  }
  const readSize = (at: number): { size: number; length: number } => {
    const first = bytes[at]!
    let length = 1
    while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++
    let size = first & (0xff >> length)
    for (let k = 1; k < length; k++) size = size * 256 + bytes[at + k]!
    return { size, length }
  }
  let scale = 1_000_000
  const s = find([0x2a, 0xd7, 0xb1])
  if (s >= 0) {
    const { size, length } = readSize(s)
    scale = bytes.readUIntBE(s + length, size)
  }
  const d = find([0x44, 0x89])
  if (d < 0) throw new Error('the WebM has no Duration element')
  const { size, length } = readSize(d)
  const ticks = size === 4 ? bytes.readFloatBE(d + length) : bytes.readDoubleBE(d + length)
  return (ticks * scale) / 1e9
}
