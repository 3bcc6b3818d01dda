import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup)

// The theme is remembered in localStorage and set on <html>: each test starts without either.
afterEach(() => {
  localStorage.clear()
  delete document.documentElement.dataset.theme
})

// findBy* and waitFor wait for the app's async work (fake twin calls, lazy chunks), not for a
// deadline: on a shared 2-core machine running both test projects at once, Testing Library's
// 1 s default was seen to run out before a view appeared. A wait still fails when the thing
// never comes.
configure({ asyncUtilTimeout: 5000 })
