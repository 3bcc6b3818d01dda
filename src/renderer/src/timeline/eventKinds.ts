import type { RunEvent } from '../../../shared/api'

export const KIND_LABELS: Record<RunEvent['kind'], string> = {
  'die-failure': 'die failed',
  'npu-failure': 'NPU failed',
  'link-degradation': 'link degraded',
  'subplane-degradation': 'sub-plane degraded',
  'slow-chip': 'slow chip',
  recovered: 'recovered',
  'slo-breach': 'SLO breach',
  'slo-met': 'SLO met again'
}

export type EventTone = 'bad' | 'good' | 'warn'

/** how an event reads at a glance: something broke, something got better, or a warning */
export function tone(kind: RunEvent['kind']): EventTone {
  if (kind === 'recovered' || kind === 'slo-met') return 'good'
  if (kind === 'slo-breach' || kind === 'slow-chip' || kind.endsWith('degradation')) return 'warn'
  return 'bad'
}

export function kindLabel(kind: RunEvent['kind']): string {
  return KIND_LABELS[kind] ?? kind
}
