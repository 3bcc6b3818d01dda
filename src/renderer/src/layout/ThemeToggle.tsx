import type { Theme } from '../view/viewState'
import { releaseMouseFocus } from '../ui/releaseMouseFocus'

interface Props {
  theme: Theme
  onToggle(): void
}

/** One switch between the dark and the light theme; T does the same. */
export function ThemeToggle({ theme, onToggle }: Props) {
  const light = theme === 'light'
  return (
    <button
      type="button"
      className="top-button theme-toggle"
      role="switch"
      aria-checked={light}
      aria-label="Light theme"
      aria-keyshortcuts="T"
      title={light ? 'Switch to the dark theme (T)' : 'Switch to the light theme (T)'}
      onClick={(event) => {
        releaseMouseFocus(event)
        onToggle()
      }}
    >
      <span aria-hidden="true">{light ? '☀' : '☾'}</span> {light ? 'Light' : 'Dark'}
    </button>
  )
}
