import { setConsoleFunction } from 'three'

/**
 * @react-three/fiber 9.8 still creates a THREE.Clock, which three 0.187 reports as deprecated
 * on every canvas. The message is not ours to act on and would hide real warnings in the
 * console (end-to-end tests fail on any), so exactly that one is dropped; everything else
 * three logs passes through unchanged. Remove when fiber moves to THREE.Timer.
 */
const IGNORED = ['THREE.Clock: This module has been deprecated']

setConsoleFunction((type: 'log' | 'warn' | 'error', message: string, ...params: unknown[]) => {
  if (IGNORED.some((ignored) => message.startsWith(ignored))) return
  console[type](message, ...params)
})
