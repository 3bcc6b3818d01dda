import type { ScenarioInput } from '../../../shared/scenario'

/** A run's service-level objectives, milliseconds. */
export interface Slo {
  ttftMs: number
  tpotMs: number
}

/** what a scenario without an `slo` gets (the defaults of shared/scenario.ts's schema) */
export const DEFAULT_SLO: Slo = { ttftMs: 2000, tpotMs: 50 }

/** the SLO a scenario asks for, field by field, with the schema's defaults for what it leaves out */
export function sloOf(scenario: ScenarioInput | null | undefined): Slo {
  return { ...DEFAULT_SLO, ...scenario?.slo }
}

export type SloStatus = 'ok' | 'warn' | 'breach'

/** a latency within this share of its target is close enough to watch */
export const SLO_WARN_SHARE = 0.8

/**
 * How a latency percentile stands against its target: over it is a breach, within 80% of it
 * a warning, else fine. Null when the window has no value (no request finished).
 */
export function sloStatus(valueMs: number, targetMs: number): SloStatus | null {
  if (!Number.isFinite(valueMs)) return null
  if (valueMs > targetMs) return 'breach'
  if (valueMs > targetMs * SLO_WARN_SHARE) return 'warn'
  return 'ok'
}

/** the status in words: a tile must not speak in colour alone */
export const SLO_STATUS_LABELS: Record<SloStatus, string> = {
  ok: 'within SLO',
  warn: 'near SLO',
  breach: 'over SLO'
}
