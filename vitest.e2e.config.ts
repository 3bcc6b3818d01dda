import { defineConfig } from 'vitest/config'

// End-to-end tests drive Debian's chromium against the browser view of a built app
// (`npm run build` first). One file at a time: each starts its own server and browser.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
})
