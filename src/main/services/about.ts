import { SOURCES } from '../../engine/catalog/sources'
import type { AppInfo } from '../../shared/api'

/**
 * The request traces ship under CC-BY 4.0, which requires this attribution wherever they go
 * (resources/traces/README.md; a test keeps the two in step).
 */
export const TRACE_ATTRIBUTION =
  'Azure LLM inference traces (2023): Azure Public Dataset, CC-BY 4.0 ' +
  '(https://creativecommons.org/licenses/by/4.0/). Patel et al., "Splitwise: Efficient ' +
  'generative LLM inference using phase splitting", ISCA 2024. Unchanged copies.'

const RUNTIMES: [key: string, label: string][] = [
  ['electron', 'Electron'],
  ['chrome', 'Chromium'],
  ['node', 'Node.js'],
  ['v8', 'V8']
]

/** The About box: who we are, what we run on, and whose data and figures the twin uses. */
export function aboutText(
  info: AppInfo,
  sources: Record<string, string> = SOURCES
): { title: string; message: string; detail: string } {
  const runtimes = RUNTIMES.filter(([key]) => info.versions[key]).map(
    ([key, label]) => `${label} ${info.versions[key]}`
  )
  const detail = [
    runtimes.join(' · '),
    '',
    'Request traces',
    TRACE_ATTRIBUTION,
    '',
    'Hardware and performance figures',
    ...Object.values(sources).map((title) => `• ${title}`)
  ].join('\n')
  return {
    title: `About ${info.name}`,
    message: `${info.name} ${info.version}`,
    detail
  }
}
