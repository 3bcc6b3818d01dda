import { useEffect, useLayoutEffect } from 'react'
import { type Theme, type ViewState, useView } from '../view/viewState'

/** where the user's explicit choice is kept; absent, the theme follows the system's */
export const THEME_KEY = 'supernode-twin.theme'
const LIGHT_QUERY = '(prefers-color-scheme: light)'

/** localStorage, or null where the page may not use it (a sandbox, a privacy mode) */
function storage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

function storedTheme(): Theme | null {
  try {
    const value = storage()?.getItem(THEME_KEY)
    return value === 'light' || value === 'dark' ? value : null
  } catch {
    return null
  }
}

function systemTheme(): Theme {
  return window.matchMedia?.(LIGHT_QUERY).matches ? 'light' : 'dark'
}

/** the theme to start with: the one the user chose last, else the system's */
export function initialTheme(): Theme {
  return storedTheme() ?? systemTheme()
}

/** Switches theme at the user's request, and remembers it as their choice. */
export function chooseTheme(view: ViewState, theme: Theme): void {
  view.setTheme(theme)
  try {
    storage()?.setItem(THEME_KEY, theme)
  } catch {
    // not remembered; the switch itself still happened
  }
}

/**
 * Puts the view's theme on <html data-theme> before paint (styles.css keys every colour on
 * it), and, until the user has chosen, follows the system's light or dark setting as it
 * changes. Returns the theme, for what paints outside CSS (the charts' canvases).
 */
export function useThemeSync(view: ViewState): Theme {
  const theme = useView(view, 'theme')
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
  useEffect(() => {
    const query = window.matchMedia?.(LIGHT_QUERY)
    if (!query) return
    const follow = (): void => {
      if (storedTheme() === null) view.setTheme(query.matches ? 'light' : 'dark')
    }
    query.addEventListener('change', follow)
    return () => query.removeEventListener('change', follow)
  }, [view])
  return theme
}
