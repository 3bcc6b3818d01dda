import { PREFIX_BLOCK_TOKENS } from './workload'

/**
 * The prefix cache of the memory pool: KV blocks of 512 prompt tokens keyed by content hash,
 * least recently used evicted first. A prompt reuses the longest run of leading blocks found.
 * (Map keeps insertion order, so re-inserting a key marks it most recent.)
 */
export class PrefixCache {
  private readonly blocks = new Map<number, true>()
  private readonly capacityBlocks: number
  hits = 0
  lookups = 0

  constructor(capacityTokens: number) {
    this.capacityBlocks = Math.floor(capacityTokens / PREFIX_BLOCK_TOKENS)
  }

  get sizeBlocks(): number {
    return this.blocks.size
  }

  /** Tokens of `promptTokens` found in the cache (leading blocks; the last token is always computed). */
  match(hashes: readonly number[], promptTokens: number): number {
    let matched = 0
    for (const hash of hashes) {
      if (!this.blocks.has(hash)) break
      this.blocks.delete(hash)
      this.blocks.set(hash, true)
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
      this.blocks.delete(hash)
      this.blocks.set(hash, true)
    }
    while (this.blocks.size > this.capacityBlocks) {
      const oldest = this.blocks.keys().next().value as number
      this.blocks.delete(oldest)
    }
  }
}
