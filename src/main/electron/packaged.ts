import { sep } from 'node:path'

/**
 * A file of the packaged app as it lies on disk outside app.asar. Worker threads read their
 * script and its imports with plain Node, which cannot look inside the archive, so the engine
 * worker and what it loads are unpacked (asarUnpack in electron-builder.js) and started from
 * app.asar.unpacked. Paths outside an archive are returned as they are.
 */
export function outsideAsar(path: string): string {
  return path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`)
}
