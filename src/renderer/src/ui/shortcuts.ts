/**
 * The app's keyboard shortcuts, as data: the key handler and the help dialog read the same
 * list, so the help never drifts from what the keys do.
 */
export type ShortcutId =
  | 'playPause'
  | 'seekBack'
  | 'seekForward'
  | 'back'
  | 'library'
  | 'search'
  | 'nextMetric'
  | 'viewHall'
  | 'viewNetwork'
  | 'viewRack'
  | 'viewNode'
  | 'theme'
  | 'help'
  | 'present'
  | 'presentNext'
  | 'presentPrevious'
  | 'presentAuto'
  | 'presentExit'

export type ShortcutGroup = 'Run and replay' | 'View' | 'Panels' | 'Present mode'

export interface Shortcut {
  id: ShortcutId
  /** `KeyboardEvent.key` values that trigger it (both cases for letters) */
  keys: readonly string[]
  /** how the key is written for people: on the key cap and in aria-keyshortcuts */
  label: string
  action: string
  group: ShortcutGroup
  /**
   * 'present': acts only while present mode is on, and then alone (present/Presenter.tsx), so
   * its keys may repeat the app's; a key is unique within its mode
   */
  mode?: 'present'
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'playPause',
    keys: [' '],
    label: 'Space',
    action: 'Play or pause',
    group: 'Run and replay'
  },
  {
    id: 'seekBack',
    keys: ['ArrowLeft'],
    label: '←',
    action: 'Back 10 s (replay)',
    group: 'Run and replay'
  },
  {
    id: 'seekForward',
    keys: ['ArrowRight'],
    label: '→',
    action: 'Forward 10 s (replay)',
    group: 'Run and replay'
  },
  {
    id: 'back',
    keys: ['Escape'],
    label: 'Esc',
    action: 'Close what is open (dialog, library, inspector), else leave the replay',
    group: 'Run and replay'
  },
  { id: 'viewHall', keys: ['1'], label: '1', action: 'Hall view', group: 'View' },
  { id: 'viewNetwork', keys: ['2'], label: '2', action: 'Network view, from above', group: 'View' },
  {
    id: 'viewRack',
    keys: ['3'],
    label: '3',
    action: 'Rack view (of the selection)',
    group: 'View'
  },
  {
    id: 'viewNode',
    keys: ['4'],
    label: '4',
    action: 'Node view (of the selection)',
    group: 'View'
  },
  {
    id: 'nextMetric',
    keys: ['m', 'M'],
    label: 'M',
    action: 'Colour dies by the next metric',
    group: 'View'
  },
  { id: 'theme', keys: ['t', 'T'], label: 'T', action: 'Dark or light theme', group: 'View' },
  { id: 'search', keys: ['/'], label: '/', action: 'Find a part by id', group: 'Panels' },
  {
    id: 'library',
    keys: ['l', 'L'],
    label: 'L',
    action: 'Show or hide the scenarios and saved runs',
    group: 'Panels'
  },
  { id: 'help', keys: ['?'], label: '?', action: 'This list of shortcuts', group: 'Panels' },
  // present mode (present/): while it is on, these are the only keys that act
  {
    id: 'present',
    keys: ['p', 'P'],
    label: 'P',
    action: 'Present a guided tour, full screen',
    group: 'Present mode'
  },
  {
    id: 'presentNext',
    keys: [' ', 'ArrowRight'],
    label: '→ or Space',
    action: 'Next step',
    group: 'Present mode',
    mode: 'present'
  },
  {
    id: 'presentPrevious',
    keys: ['ArrowLeft'],
    label: '←',
    action: 'Previous step',
    group: 'Present mode',
    mode: 'present'
  },
  {
    id: 'presentAuto',
    keys: ['a', 'A'],
    label: 'A',
    action: 'Play the steps by themselves, or stop',
    group: 'Present mode',
    mode: 'present'
  },
  {
    id: 'presentExit',
    keys: ['Escape'],
    label: 'Esc',
    action: 'Leave present mode',
    group: 'Present mode',
    mode: 'present'
  }
]

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  'Run and replay',
  'View',
  'Panels',
  'Present mode'
]

const ARIA_NAMES: Record<string, string> = {
  ' ': 'Space',
  ArrowLeft: 'ArrowLeft',
  ArrowRight: 'ArrowRight',
  Escape: 'Escape'
}

export function shortcut(id: ShortcutId): Shortcut {
  return SHORTCUTS.find((s) => s.id === id)!
}

/** The value of a control's aria-keyshortcuts for a shortcut ('Space', 'M', '/'). */
export function ariaKeyShortcuts(id: ShortcutId): string {
  const key = shortcut(id).keys.at(-1)!
  return ARIA_NAMES[key] ?? key
}

/**
 * Binds handlers to the shortcuts' keys, in the shape useShortcuts takes:
 * `useShortcuts(shortcutHandlers({ library: toggleLibrary, help: toggleHelp }))`.
 * Space is left out: useSpaceToggle owns it (it keeps Space for focused buttons).
 */
export function shortcutHandlers<H>(handlers: Partial<Record<ShortcutId, H>>): Record<string, H> {
  const byKey: Record<string, H> = {}
  for (const s of SHORTCUTS) {
    const handler = handlers[s.id]
    if (handler === undefined || s.id === 'playPause') continue
    for (const key of s.keys) byKey[key] = handler
  }
  return byKey
}
