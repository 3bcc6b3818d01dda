import pkg from '../../../package.json'
import type { AppInfo } from '../../shared/api'

/** Name, version and runtime versions, for the About box and bug reports. */
export function appInfo(runtime: Record<string, string | undefined> = process.versions): AppInfo {
  const versions: Record<string, string> = {}
  for (const key of ['node', 'v8', 'electron', 'chrome']) {
    const value = runtime[key]
    if (value) versions[key] = value
  }
  return { name: pkg.productName, version: pkg.version, versions }
}
