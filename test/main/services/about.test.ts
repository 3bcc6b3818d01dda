import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SOURCES } from '../../../src/engine/catalog/sources'
import { aboutText, TRACE_ATTRIBUTION } from '../../../src/main/services/about'
import { appInfo } from '../../../src/main/services/appInfo'

const runtime = { electron: '41.7.1', chrome: '146.0.1', node: '24.1.0', v8: '14.6.2' }

describe('the About box', () => {
  it('gives the app and every runtime version', () => {
    const about = aboutText(appInfo(runtime))
    expect(about.title).toBe('About Supernode Twin')
    expect(about.message).toMatch(/^Supernode Twin \d+\.\d+\.\d+/)
    expect(about.detail.split('\n')[0]).toBe(
      'Electron 41.7.1 · Chromium 146.0.1 · Node.js 24.1.0 · V8 14.6.2'
    )
  })

  it('leaves out runtimes it does not run on (the browser view has no Electron)', () => {
    const about = aboutText(appInfo({ node: '20.20.2', v8: '11.3' }))
    expect(about.detail.split('\n')[0]).toBe('Node.js 20.20.2 · V8 11.3')
  })

  it('credits the Azure traces as their CC-BY licence asks, as resources/traces says', () => {
    const readme = readFileSync(
      new URL('../../../resources/traces/README.md', import.meta.url),
      'utf8'
    )
    const { detail } = aboutText(appInfo(runtime))
    expect(detail).toContain(TRACE_ATTRIBUTION)
    for (const fact of [
      'Azure Public Dataset',
      'CC-BY 4.0',
      'https://creativecommons.org/licenses/by/4.0/',
      'Splitwise: Efficient generative LLM inference using phase splitting'
    ]) {
      expect(readme.replace(/\s+/g, ' ')).toContain(fact)
      expect(TRACE_ATTRIBUTION).toContain(fact)
    }
  })

  it('lists every source of the catalog by its title', () => {
    const { detail } = aboutText(appInfo(runtime))
    for (const title of Object.values(SOURCES)) expect(detail).toContain(`• ${title}`)
    expect(detail).toContain('Serving Large Language Models on Huawei CloudMatrix384')
  })
})
