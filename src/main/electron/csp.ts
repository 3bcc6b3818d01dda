import { contentSecurityPolicy } from '../../shared/csp'

/** Adds sources to directives of a policy string; directives not present are appended. */
export function widenPolicy(policy: string, extra: Record<string, readonly string[]>): string {
  const directives = policy.split(';').map((d) => d.trim().split(/\s+/))
  for (const [name, sources] of Object.entries(extra)) {
    const directive = directives.find(([n]) => n === name)
    if (directive) directive.push(...sources)
    else directives.push([name, ...sources])
  }
  return directives.map((d) => d.join(' ')).join('; ')
}

/**
 * The policy while electron-vite's dev server serves the renderer. Vite injects an inline
 * module preamble (React refresh) and <style> tags, and talks to its HMR socket over ws:, so
 * dev needs 'unsafe-inline' and the socket origin. Production keeps the strict shared policy.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const server = new URL(devServerUrl)
  const socket = `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}`
  return widenPolicy(contentSecurityPolicy([socket]), {
    'script-src': ["'unsafe-inline'"],
    'style-src': ["'unsafe-inline'"]
  })
}
