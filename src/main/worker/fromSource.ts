import type { RunHostOptions } from '../services/runHost'

/** Run host options for a worker written in TypeScript and run from source (CLI, tests). */
export function workerFromSource(entry: URL): RunHostOptions {
  return {
    workerUrl: new URL('./tsxBootstrap.mjs', import.meta.url),
    workerData: { entry: entry.href }
  }
}
