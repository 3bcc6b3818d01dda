import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { contentSecurityPolicy } from './src/shared/csp'

/** Puts the production CSP into index.html; the dev server keeps Vite's inline HMR preamble. */
function cspMeta(): Plugin {
  return {
    name: 'twin-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: {
          'http-equiv': 'Content-Security-Policy',
          content: contentSecurityPolicy([], 'meta')
        },
        injectTo: 'head-prepend'
      }
    ]
  }
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          engineWorker: resolve('src/main/worker/engineWorker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      rolldownOptions: {
        // A sandboxed preload runs as a classic script: it must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      minify: true,
      // three + react-three-fiber alone are ~900 kB minified; the scene loads as its own chunk.
      chunkSizeWarningLimit: 1200,
      rolldownOptions: { input: resolve('src/renderer/index.html') }
    },
    plugins: [react(), cspMeta()]
  }
})
