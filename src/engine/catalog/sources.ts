/**
 * Where catalog numbers come from. Keys match ../shared/reference/README.md; a catalog entry
 * names one of these (plus section or table) for every number it holds.
 */
export const SOURCES = {
  CM: 'Huawei and SiliconFlow, "Serving Large Language Models on Huawei CloudMatrix384", arXiv 2506.12708 (v2)',
  'DS-day6': 'DeepSeek, "DeepSeek-V3/R1 Inference System Overview", open-infra-index, Feb 2025',
  'DS-V3':
    'deepseek-ai/DeepSeek-V3: inference/configs/config_671B.json, README_WEIGHTS.md, technical report',
  DeepEP: 'deepseek-ai/DeepEP README (H800 + CX7 400 Gb/s measurements)',
  SGL: 'LMSYS, "Deploying DeepSeek with PD Disaggregation and Large-scale Expert Parallelism on 96 H100 GPUs", 2025-05-05',
  'SGL-GB200':
    'LMSYS, "Deploying DeepSeek on GB200 NVL72 with PD and Large Scale EP (Part II)", 2025-09-25',
  SA: 'SemiAnalysis, "Huawei AI CloudMatrix 384 - China\'s Answer to Nvidia GB200 NVL72", 2025-04-16',
  REG: 'The Register, 2025-07-29, on CloudMatrix384',
  NV: 'NVIDIA datasheets (H100/H800/H200, GB200 NVL72)'
} as const

export type SourceKey = keyof typeof SOURCES

/**
 * A citation: a source key with the place in it, or a note that says the number is derived
 * (arithmetic on cited numbers), assumed (not published; the choice is explained) or calibrated
 * (fitted to one published point; the point is named).
 */
export type Citation = string

/** Catalog records carry one citation per numeric field: `sources[field]`. */
export type Cited<T> = T & { sources: Partial<Record<keyof T, Citation>> }
