import './viewControls.css'
import { type KeyboardEvent, useId, useMemo, useState } from 'react'
import type { Topology } from '../../../engine/topology/types'
import { type PartEntry, buildPartIndex, searchParts } from '../inspector/partSearch'
import { PART_KIND_LABELS, showPart } from '../view/parts'
import type { ViewState } from '../view/viewState'

export interface SearchBoxProps {
  view: ViewState
  topology: Topology
}

/** the input's id: the owner of the `/` key focuses it with focusSearchBox() */
export const SEARCH_INPUT_ID = 'part-search'
const MAX_SUGGESTIONS = 12

/** For the `/` shortcut: false when no search box is mounted. */
export function focusSearchBox(): boolean {
  const input = document.getElementById(SEARCH_INPUT_ID)
  if (!(input instanceof HTMLInputElement)) return false
  input.focus()
  input.select()
  return true
}

/**
 * Finds a part by id (substring, any case) and picks it: the part is selected for the
 * inspector and the camera flies to it. An ARIA 1.2 combobox: arrows move through the
 * suggestions, Enter picks (the first suggestion when none is highlighted), Escape closes the
 * list, then clears the text, then leaves the box.
 */
export function SearchBox({ view, topology }: SearchBoxProps) {
  const index = useMemo(() => buildPartIndex(topology), [topology])
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const listId = useId()
  const statusId = useId()
  const matches = useMemo(() => searchParts(index, query, MAX_SUGGESTIONS), [index, query])
  const suggestions = matches.entries
  const expanded = open && suggestions.length > 0
  const optionId = (i: number): string => `${listId}-option-${i}`

  const pick = (entry: PartEntry): void => {
    showPart(view, topology, entry.part)
    setQuery(entry.id)
    setOpen(false)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    const n = suggestions.length
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (n === 0) return
        event.preventDefault()
        const step = event.key === 'ArrowDown' ? 1 : -1
        if (!open) {
          setOpen(true)
          setActive(step > 0 ? 0 : n - 1)
        } else setActive((active + step + n) % n)
        return
      }
      case 'Enter': {
        const entry = open ? suggestions[active] : undefined
        if (!entry) return
        event.preventDefault()
        pick(entry)
        return
      }
      case 'Escape':
        // handled here: the window's Escape (close the replay) must not fire as well
        event.preventDefault()
        if (expanded) setOpen(false)
        else if (query !== '') setQuery('')
        else event.currentTarget.blur()
        return
    }
  }

  const trimmed = query.trim()
  const noMatch = open && trimmed !== '' && suggestions.length === 0
  const status = noMatch
    ? `No part matches ‘${trimmed}’`
    : expanded
      ? matches.total > suggestions.length
        ? `${suggestions.length} of ${matches.total} parts shown; type more to narrow`
        : `${matches.total} ${matches.total === 1 ? 'part matches' : 'parts match'}`
      : ''

  return (
    <div className="part-search">
      <input
        id={SEARCH_INPUT_ID}
        className="part-search__input"
        type="text"
        role="combobox"
        aria-label="Find a part by id"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded ? optionId(active) : undefined}
        aria-describedby={statusId}
        aria-keyshortcuts="/"
        placeholder="Find a part…  /"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value)
          setOpen(true)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul
        id={listId}
        className="part-search__list"
        role="listbox"
        aria-label="Matching parts"
        hidden={!expanded}
      >
        {expanded &&
          suggestions.map((entry, i) => (
            <li
              key={entry.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={
                i === active
                  ? 'part-search__option part-search__option--active'
                  : 'part-search__option'
              }
              // keep focus in the input so the list does not close before the click lands
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(entry)}
            >
              <span className="part-search__id">
                <Highlight id={entry.id} query={trimmed} />
              </span>
              <span className="part-search__kind">{PART_KIND_LABELS[entry.part.kind]}</span>
            </li>
          ))}
      </ul>
      <div
        id={statusId}
        className={noMatch ? 'part-search__empty' : 'visually-hidden'}
        role="status"
        data-testid="part-search-status"
      >
        {status}
      </div>
    </div>
  )
}

function Highlight({ id, query }: { id: string; query: string }) {
  const at = id.toLowerCase().indexOf(query.toLowerCase())
  if (at < 0 || query === '') return <>{id}</>
  return (
    <>
      {id.slice(0, at)}
      <mark>{id.slice(at, at + query.length)}</mark>
      {id.slice(at + query.length)}
    </>
  )
}
