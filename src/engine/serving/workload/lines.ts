/**
 * Walks the lines of a trace without splitting it into an array first: a trace can hold hundreds
 * of thousands of rows, and only the parsed requests need to stay in memory.
 * `visit` gets each line without its line break (LF or CRLF) and its 1-based number; returning
 * false stops the walk. A leading byte-order mark is dropped.
 */
export function forEachLine(
  text: string,
  visit: (line: string, lineNumber: number) => boolean | void
): void {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0
  for (let lineNumber = 1; start <= text.length; lineNumber++) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end
    if (visit(text.slice(start, stop), lineNumber) === false) return
    start = end + 1
  }
}

export function isBlank(line: string): boolean {
  return line.length === 0 || line.trim().length === 0
}

/** The first line with content, or null if the text is blank. */
export function firstContentLine(text: string): { line: string; lineNumber: number } | null {
  let found: { line: string; lineNumber: number } | null = null
  forEachLine(text, (line, lineNumber) => {
    if (isBlank(line)) return true
    found = { line, lineNumber }
    return false
  })
  return found
}
