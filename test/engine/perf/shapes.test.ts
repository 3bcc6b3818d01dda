import { describe, expect, it } from 'vitest'
import { deepSeekR1 } from '../../../src/engine/catalog/model'
import { modelShapes } from '../../../src/engine/perf/shapes'

const s = modelShapes(deepSeekR1)

describe('DeepSeek-R1 operator shapes, from the config', () => {
  it('counts MLA weights: W_DQ + W_UQ + W_DKV + W_UK/W_UV + W_O', () => {
    // 7168*1536 + 1536*128*192 + 7168*576 + 512*128*256 + 128*128*7168
    expect(s.mlaParams).toBe(11_010_048 + 37_748_736 + 4_128_768 + 16_777_216 + 117_440_512)
  })

  it('counts expert, dense FFN, gate, head and MTP projection weights', () => {
    expect(s.expertParams).toBe(3 * 7168 * 2048) // 44,040,192
    expect(s.denseFfnParams).toBe(3 * 7168 * 18432) // 396,361,728
    expect(s.gateParams).toBe(7168 * 256)
    expect(s.lmHeadParams).toBe(7168 * 129_280)
    expect(s.mtpProjectionParams).toBe(2 * 7168 * 7168)
  })

  it('adds up to the published 671B parameters (without norms and the MTP module)', () => {
    const total =
      61 * s.mlaParams +
      3 * s.denseFfnParams +
      58 * (257 * s.expertParams + s.gateParams) +
      s.embeddingParams +
      s.lmHeadParams
    expect(total / 1e9).toBeCloseTo(671, 0)
  })

  it('costs attention per context token: absorbed in decode, decompressed in prefill', () => {
    expect(s.kvValuesPerTokenLayer).toBe(576) // 512 latent + 64 RoPE key
    expect(s.decodeAttentionFlopsPerContextToken).toBe(128 * 2 * (576 + 512)) // 278,528
    expect(s.prefillAttentionFlopsPerContextToken).toBe(128 * 2 * (192 + 128)) // 81,920
    expect(s.prefillAttentionBytesPerToken).toBe(128 * (2 * 192 + 2 * 128) * 2)
    expect(s.moeLayers).toBe(58)
  })
})
