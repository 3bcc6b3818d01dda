import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup)

// The theme is remembered in localStorage and set on <html>: each test starts without either.
afterEach(() => {
  localStorage.clear()
  delete document.documentElement.dataset.theme
})
