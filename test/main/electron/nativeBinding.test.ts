import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { electronNativeBindingPath } from '../../../src/main/electron/nativeBinding'
import { electronNativeBindingPath as scriptPath } from '../../../scripts/electron-native.mjs'

describe('electronNativeBindingPath', () => {
  it('puts one build per Electron version under node_modules/.cache', () => {
    expect(electronNativeBindingPath('/app', '41.7.1')).toBe(
      join(
        '/app',
        'node_modules',
        '.cache',
        'supernode-twin',
        'electron-41.7.1',
        'better_sqlite3.node'
      )
    )
    expect(electronNativeBindingPath('/app', '42.0.0')).not.toBe(
      electronNativeBindingPath('/app', '41.7.1')
    )
  })

  it('is where scripts/electron-native.mjs builds it', () => {
    for (const [root, version] of [
      ['/app', '41.7.1'],
      ['/home/u/My Apps/twin', '41.8.0-beta.2']
    ] as const) {
      expect(electronNativeBindingPath(root, version)).toBe(scriptPath(root, version))
    }
  })
})
