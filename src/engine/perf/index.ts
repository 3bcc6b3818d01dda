export { estimate, EstimateInputError, ESTIMATE_LIMITS, isSetupId } from './estimate'
export type { EstimateRequest, Phase } from './estimate'
export {
  calibrate,
  CALIBRATION_POINTS,
  CALIBRATION_TOLERANCE_PCT,
  POINTS_NOT_MODELLED_HERE,
  validationRows
} from './calibration'
export type { KpiProvenance, ValidationRow } from './calibration'
export type * from './types'
export type { OperatorCost } from './cost'
