export { parseTrace } from './parseTrace'
export { detectTraceFormat } from './detect'
export { shapeWorkload } from './shape'
export type { ShapeOptions } from './shape'
export { syntheticWorkload } from './synthetic'
export type { ArrivalSpec, LengthSpec, SyntheticSpec } from './synthetic'
export { PREFIX_BLOCK_TOKENS, TraceError } from './types'
export type {
  ParsedTrace,
  ParseTraceOptions,
  ServingRequest,
  SkippedRow,
  TraceFormat
} from './types'
