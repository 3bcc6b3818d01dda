import type { Cited } from './sources'

/** Architecture of a transformer served by the twin (MLA attention, DeepSeekMoE layers). */
export interface ModelSpec {
  id: string
  name: string
  hiddenSize: number
  layers: number
  /** leading layers with a dense FFN instead of experts */
  denseLayers: number
  denseIntermediate: number
  moeIntermediate: number
  vocabSize: number
  heads: number
  qLoraRank: number
  kvLoraRank: number
  qkNopeHeadDim: number
  qkRopeHeadDim: number
  vHeadDim: number
  routedExperts: number
  sharedExperts: number
  expertsPerToken: number
  expertGroups: number
  topkGroups: number
  /** multi-token-prediction modules (each one transformer block plus a projection) */
  mtpModules: number
  /** longest context the model serves, tokens */
  maxContext: number
}

/** DeepSeek-R1 has the DeepSeek-V3 architecture; numbers from its published config. */
export const deepSeekR1: Cited<ModelSpec> = {
  id: 'deepseek-r1',
  name: 'DeepSeek-R1 (671B MoE)',
  hiddenSize: 7168,
  layers: 61,
  denseLayers: 3,
  denseIntermediate: 18432,
  moeIntermediate: 2048,
  vocabSize: 129280,
  heads: 128,
  qLoraRank: 1536,
  kvLoraRank: 512,
  qkNopeHeadDim: 128,
  qkRopeHeadDim: 64,
  vHeadDim: 128,
  routedExperts: 256,
  sharedExperts: 1,
  expertsPerToken: 8,
  expertGroups: 8,
  topkGroups: 4,
  mtpModules: 1,
  maxContext: 131072,
  sources: {
    hiddenSize: '[DS-V3] config_671B.json dim',
    layers: '[DS-V3] config_671B.json n_layers',
    denseLayers: '[DS-V3] config_671B.json n_dense_layers',
    denseIntermediate: '[DS-V3] config_671B.json inter_dim',
    moeIntermediate: '[DS-V3] config_671B.json moe_inter_dim',
    vocabSize: '[DS-V3] config_671B.json vocab_size',
    heads: '[DS-V3] config_671B.json n_heads',
    qLoraRank: '[DS-V3] config_671B.json q_lora_rank',
    kvLoraRank: '[DS-V3] config_671B.json kv_lora_rank',
    qkNopeHeadDim: '[DS-V3] config_671B.json qk_nope_head_dim',
    qkRopeHeadDim: '[DS-V3] config_671B.json qk_rope_head_dim',
    vHeadDim: '[DS-V3] config_671B.json v_head_dim',
    routedExperts: '[DS-V3] config_671B.json n_routed_experts',
    sharedExperts: '[DS-V3] config_671B.json n_shared_experts',
    expertsPerToken: '[DS-V3] config_671B.json n_activated_experts',
    expertGroups: '[DS-V3] config_671B.json n_expert_groups',
    topkGroups: '[DS-V3] config_671B.json n_limited_groups',
    mtpModules: '[DS-V3] README_WEIGHTS.md: one MTP module (11.5B parameters)',
    maxContext: '[DS-V3] technical report: 128K context after long-context extension'
  }
}
