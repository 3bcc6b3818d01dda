import type { Cited } from './sources'

/** Number formats the twin costs operators in. */
export type Precision = 'int8' | 'fp8' | 'bf16'

export const BYTES_PER_VALUE: Record<Precision, number> = { int8: 1, fp8: 1, bf16: 2 }

/**
 * One accelerator chip as sold (an NPU package or a GPU). A chip holds `devicesPerChip`
 * devices: the unit software schedules on (a 910C die, a GPU). Throughput figures are per
 * device, dense (no sparsity).
 */
export interface ChipSpec {
  id: ChipId
  name: string
  devicesPerChip: number
  /** dense peak per device, TFLOPS (TOPS for int8) */
  peakTflops: Partial<Record<Precision, number>>
  /** precision the vendor's "tokens/s per TFLOPS" normalisation uses */
  normalisation: Precision
  hbmGB: number
  hbmGBps: number
  /** independent compute units per device (AI-core groups on Ascend, SMs on NVIDIA) */
  computeUnits: number
  /** share of peak a large GEMM reaches */
  gemmEfficiency: number
  /** share of peak the attention core reaches when compute-bound */
  attentionEfficiency: number
  /** share of HBM bandwidth a memory-bound kernel reaches */
  memoryEfficiency: number
  /** board power, W; null where the vendor does not publish one */
  tdpW: number | null
}

export type ChipId = 'ascend-910c' | 'h800' | 'h100' | 'h200' | 'b200'

const HOPPER_EFFICIENCY = {
  gemmEfficiency: 0.8,
  attentionEfficiency: 0.667,
  memoryEfficiency: 3000 / 3350
}
const HOPPER_EFFICIENCY_SOURCES = {
  gemmEfficiency:
    'assumed: the [CM] 910C INT8 GEMM range (77.4-82.7%, midpoint 80%) for FP8 GEMMs on Hopper; no NVIDIA GEMM figure in the reference',
  attentionEfficiency: '[CM] 5.x: FlashMLA on H800 reaches 66.7% of peak when compute-bound',
  memoryEfficiency: '[CM] 5.x: FlashMLA on H800 reaches 3,000 of 3,350 GB/s when memory-bound'
}

export const chips: Record<ChipId, Cited<ChipSpec>> = {
  'ascend-910c': {
    id: 'ascend-910c',
    name: 'Huawei Ascend 910C',
    devicesPerChip: 2,
    peakTflops: { bf16: 376, int8: 752 },
    normalisation: 'int8',
    hbmGB: 64,
    hbmGBps: 1600,
    computeUnits: 24,
    gemmEfficiency: 0.8,
    attentionEfficiency: 0.654,
    memoryEfficiency: 1346 / 1600,
    tdpW: null,
    sources: {
      devicesPerChip: '[CM] 3.2: 2 compute dies per package, each a separate device',
      peakTflops:
        'BF16: [REG] 752 TFLOPS per package / 2 dies (other sources 780-800: [SA]); INT8: derived, 1,504 per package from [CM] tokens/s/TFLOPS ratios (6,688 / 4.45)',
      hbmGB: '[CM] 3.2: 128 GB per package, 64 GB per die',
      hbmGBps: '[CM] 3.2: 3.2 TB/s per package, 1.6 TB/s per die',
      computeUnits: '[CM] 3.2: 24 AI-cube cores (each with 2 of the 48 AI-vector cores) per die',
      gemmEfficiency: '[CM] 5.x: INT8 GEMM reaches 77.4% to 82.7% of peak; midpoint',
      attentionEfficiency: '[CM] 5.x: MLA reaches 65.4% of peak when compute-bound',
      memoryEfficiency: '[CM] 5.x: MLA reaches 1,346 of 1,600 GB/s when memory-bound',
      tdpW: 'not published per chip ([SA] estimates about 1.46 kW per NPU all-in, supernode level)'
    }
  },
  h800: {
    id: 'h800',
    name: 'NVIDIA H800 SXM',
    devicesPerChip: 1,
    peakTflops: { bf16: 989, fp8: 1979 },
    normalisation: 'fp8',
    hbmGB: 80,
    hbmGBps: 3350,
    computeUnits: 132,
    ...HOPPER_EFFICIENCY,
    tdpW: 700,
    sources: {
      devicesPerChip: 'one GPU',
      peakTflops: '[NV]; [CM] Table 9: 989 BF16, 1,979 FP8 dense',
      hbmGB: '[NV]: 80 GB',
      hbmGBps: '[NV]: 3.35 TB/s',
      computeUnits: '[NV]: 132 SMs (H100/H800 SXM)',
      ...HOPPER_EFFICIENCY_SOURCES,
      tdpW: '[NV]: 700 W'
    }
  },
  h100: {
    id: 'h100',
    name: 'NVIDIA H100 SXM',
    devicesPerChip: 1,
    peakTflops: { bf16: 989, fp8: 1979 },
    normalisation: 'fp8',
    hbmGB: 80,
    hbmGBps: 3350,
    computeUnits: 132,
    ...HOPPER_EFFICIENCY,
    tdpW: 700,
    sources: {
      devicesPerChip: 'one GPU',
      peakTflops: '[NV]: 989 BF16, 1,979 FP8 dense',
      hbmGB: '[NV]: 80 GB',
      hbmGBps: '[NV]: 3.35 TB/s',
      computeUnits: '[NV]: 132 SMs',
      gemmEfficiency: HOPPER_EFFICIENCY_SOURCES.gemmEfficiency,
      attentionEfficiency: 'assumed equal to H800 (same Hopper die): [CM] FlashMLA 66.7%',
      memoryEfficiency: 'assumed equal to H800 (same HBM3 subsystem): [CM] 3,000 of 3,350 GB/s',
      tdpW: '[NV]: 700 W'
    }
  },
  h200: {
    id: 'h200',
    name: 'NVIDIA H200 SXM',
    devicesPerChip: 1,
    peakTflops: { bf16: 989, fp8: 1979 },
    normalisation: 'fp8',
    hbmGB: 141,
    hbmGBps: 4800,
    computeUnits: 132,
    ...HOPPER_EFFICIENCY,
    tdpW: 700,
    sources: {
      devicesPerChip: 'one GPU',
      peakTflops: '[NV]: 989 BF16, 1,979 FP8 dense',
      hbmGB: '[NV]: 141 GB',
      hbmGBps: '[NV]: 4.8 TB/s',
      computeUnits: '[NV]: 132 SMs',
      gemmEfficiency: HOPPER_EFFICIENCY_SOURCES.gemmEfficiency,
      attentionEfficiency: 'assumed equal to H800 (same Hopper die): [CM] FlashMLA 66.7%',
      memoryEfficiency: 'assumed the H800 fraction of peak (3,000 / 3,350) applies to HBM3e',
      tdpW: '[NV]: 700 W'
    }
  },
  b200: {
    id: 'b200',
    name: 'NVIDIA B200 (in GB200)',
    devicesPerChip: 1,
    peakTflops: { bf16: 2500, fp8: 5000 },
    normalisation: 'fp8',
    hbmGB: 186,
    hbmGBps: 8000,
    computeUnits: 148,
    ...HOPPER_EFFICIENCY,
    tdpW: 1200,
    sources: {
      devicesPerChip: 'one GPU (two reticle dies presented as one device)',
      peakTflops: '[NV]; baselines.md: about 2,500 BF16, about 5,000 FP8 dense',
      hbmGB: '[NV]: 192 GB, 186 usable',
      hbmGBps: '[NV]: 8 TB/s',
      computeUnits: '[NV]: 148 SMs',
      gemmEfficiency: 'assumed as for Hopper: ' + HOPPER_EFFICIENCY_SOURCES.gemmEfficiency,
      attentionEfficiency:
        'assumed equal to H800 FlashMLA (66.7%): no Blackwell figure in the reference',
      memoryEfficiency:
        'assumed the H800 fraction (3,000 / 3,350): no Blackwell figure in the reference',
      tdpW: '[NV]; baselines.md: about 1,200 W'
    }
  }
}
