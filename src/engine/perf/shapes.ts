import type { ModelSpec } from '../catalog/model'

/**
 * Parameter counts and per-token work of the model's operators, from its config alone.
 * MLA is costed in the form each phase runs: decode absorbs the up-projections into the query
 * and output side and attends over the compressed cache; prefill decompresses keys and values.
 */
export interface ModelShapes {
  /** all MLA projection weights of one layer: W_DQ, W_UQ, W_DKV, W_UK, W_UV, W_O */
  mlaParams: number
  /** one expert (routed or shared): gate, up and down projections */
  expertParams: number
  denseFfnParams: number
  gateParams: number
  lmHeadParams: number
  embeddingParams: number
  /** MTP module's projection of [embedding; hidden] back to hidden */
  mtpProjectionParams: number
  /** compressed KV cache values per token per layer (latent + decoupled RoPE key) */
  kvValuesPerTokenLayer: number
  /** decode attention FLOPs per query token per cached token (absorbed MLA) */
  decodeAttentionFlopsPerContextToken: number
  /** prefill attention FLOPs per query token per attended token (decompressed MLA) */
  prefillAttentionFlopsPerContextToken: number
  /** prefill attention activations read and written per token: q, k, v and output, BF16 */
  prefillAttentionBytesPerToken: number
  moeLayers: number
}

export function modelShapes(m: ModelSpec): ModelShapes {
  const h = m.hiddenSize
  const qkHead = m.qkNopeHeadDim + m.qkRopeHeadDim
  const mlaParams =
    h * m.qLoraRank +
    m.qLoraRank * m.heads * qkHead +
    h * (m.kvLoraRank + m.qkRopeHeadDim) +
    m.kvLoraRank * m.heads * (m.qkNopeHeadDim + m.vHeadDim) +
    m.heads * m.vHeadDim * h
  const latent = m.kvLoraRank + m.qkRopeHeadDim
  return {
    mlaParams,
    expertParams: 3 * h * m.moeIntermediate,
    denseFfnParams: 3 * h * m.denseIntermediate,
    gateParams: h * m.routedExperts,
    lmHeadParams: h * m.vocabSize,
    embeddingParams: h * m.vocabSize,
    mtpProjectionParams: 2 * h * h,
    kvValuesPerTokenLayer: latent,
    // scores over (latent + rope) and values over the latent, for every head: 2 FLOPs per MAC
    decodeAttentionFlopsPerContextToken: m.heads * 2 * (latent + m.kvLoraRank),
    prefillAttentionFlopsPerContextToken: m.heads * 2 * (qkHead + m.vHeadDim),
    prefillAttentionBytesPerToken: m.heads * (2 * qkHead + 2 * m.vHeadDim) * 2,
    moeLayers: m.layers - m.denseLayers
  }
}
