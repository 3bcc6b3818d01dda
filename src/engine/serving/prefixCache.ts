import { PREFIX_BLOCK_TOKENS } from './workload'

/**
 * The prefix cache of the memory pool: KV blocks of 512 prompt tokens keyed by content hash,
 * least recently used evicted first. A prompt reuses the longest run of leading blocks found.
 *
 * Recency is a doubly linked list over slot indices and the index a Map from hash to slot, so
 * touching a block moves a list node and never rewrites the Map (V8's Map degrades badly when
 * the same keys are deleted and re-inserted over and over, as hot shared prefixes would).
 */
export class PrefixCache {
  private readonly slotOf = new Map<number, number>()
  private hashes = new Float64Array(0)
  private prev = new Int32Array(0)
  private next = new Int32Array(0)
  /** most recently used slot, least recently used slot; -1 when empty */
  private head = -1
  private tail = -1
  private readonly capacityBlocks: number
  hits = 0
  lookups = 0

  constructor(capacityTokens: number) {
    this.capacityBlocks = Math.max(0, Math.floor(capacityTokens / PREFIX_BLOCK_TOKENS))
  }

  get sizeBlocks(): number {
    return this.slotOf.size
  }

  /** Tokens of `promptTokens` found in the cache (leading blocks; the last token is always computed). */
  match(hashes: readonly number[], promptTokens: number): number {
    let matched = 0
    for (const hash of hashes) {
      const slot = this.slotOf.get(hash)
      if (slot === undefined) break
      this.touch(slot)
      matched++
    }
    this.lookups++
    if (matched > 0) this.hits++
    return Math.min(matched * PREFIX_BLOCK_TOKENS, promptTokens - 1)
  }

  /** Stores a prefilled prompt's blocks, evicting the least recently used beyond capacity. */
  insert(hashes: readonly number[]): void {
    if (this.capacityBlocks <= 0) return
    for (const hash of hashes) {
      const slot = this.slotOf.get(hash)
      if (slot !== undefined) {
        this.touch(slot)
        continue
      }
      const fresh = this.slotOf.size < this.capacityBlocks ? this.grow() : this.evict()
      this.hashes[fresh] = hash
      this.slotOf.set(hash, fresh)
      this.pushFront(fresh)
    }
  }

  private touch(slot: number): void {
    if (slot === this.head) return
    this.unlink(slot)
    this.pushFront(slot)
  }

  private pushFront(slot: number): void {
    this.prev[slot] = -1
    this.next[slot] = this.head
    if (this.head >= 0) this.prev[this.head] = slot
    this.head = slot
    if (this.tail < 0) this.tail = slot
  }

  private unlink(slot: number): void {
    const p = this.prev[slot]!
    const n = this.next[slot]!
    if (p >= 0) this.next[p] = n
    else this.head = n
    if (n >= 0) this.prev[n] = p
    else this.tail = p
  }

  /** reuses the least recently used slot */
  private evict(): number {
    const slot = this.tail
    this.unlink(slot)
    this.slotOf.delete(this.hashes[slot]!)
    return slot
  }

  /** a new slot at the end of the arrays, growing them geometrically */
  private grow(): number {
    const slot = this.slotOf.size
    if (slot >= this.hashes.length) {
      const size = Math.min(this.capacityBlocks, Math.max(1024, this.hashes.length * 2))
      const resize = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
        const grown = make(size)
        grown.set(old)
        return grown
      }
      this.hashes = resize(this.hashes, (n) => new Float64Array(n))
      this.prev = resize(this.prev, (n) => new Int32Array(n))
      this.next = resize(this.next, (n) => new Int32Array(n))
    }
    return slot
  }
}
