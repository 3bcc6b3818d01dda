import type { EngineHostOptions } from '../services/engineHost'

/** Engine host options for a worker written in TypeScript and run from source (CLI, tests). */
export function workerFromSource(entry: URL): EngineHostOptions {
  return {
    workerUrl: new URL('./tsxBootstrap.mjs', import.meta.url),
    workerData: { entry: entry.href }
  }
}
