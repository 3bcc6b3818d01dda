import { BadRow, tokenCountProblem, type TraceDialect, type TraceRow } from './traceRow'

/**
 * Azure LLM inference traces (Azure Public Dataset, Splitwise, ISCA 2024): a header and rows like
 * `2023-11-16 18:15:46.6805900,374,44`, wall-clock arrival, prompt tokens, output tokens.
 */
export const AZURE_HEADER = 'TIMESTAMP,ContextTokens,GeneratedTokens'

const NS_PER_DAY = 86_400e9
const DIGITS = /^\d+$/
/** Azure traces carry no prefix hashes; one shared empty list spares an array per request. */
const NO_BLOCKS: readonly number[] = Object.freeze([])

export const azureCsv: TraceDialect = {
  hasHeader: true,
  timeField: 'TIMESTAMP',
  promptField: 'ContextTokens',
  outputField: 'GeneratedTokens',
  createReader() {
    // Times are nanoseconds since midnight of the first row's day: exact integers for spans up
    // to about 100 days, where absolute nanoseconds since 1970 would not fit a double exactly.
    let anchorDay: number | null = null
    return (line: string): TraceRow | BadRow => {
      const c1 = line.indexOf(',')
      const c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1)
      if (c2 < 0 || line.indexOf(',', c2 + 1) >= 0) {
        const columns = line.split(',').length
        return new BadRow(null, `expected 3 columns (${AZURE_HEADER}), found ${columns}`)
      }
      const timeText = line.slice(0, c1).trim()
      const clock = parseWallClock(timeText)
      if (clock === null) {
        return new BadRow(
          'TIMESTAMP',
          `bad timestamp '${timeText}': expected YYYY-MM-DD HH:MM:SS.fffffff`
        )
      }
      anchorDay ??= clock.day
      const promptTokens = readTokenCount(line.slice(c1 + 1, c2), 'ContextTokens')
      if (promptTokens instanceof BadRow) return promptTokens
      const outputTokens = readTokenCount(line.slice(c2 + 1), 'GeneratedTokens')
      if (outputTokens instanceof BadRow) return outputTokens
      const time = (clock.day - anchorDay) * NS_PER_DAY + clock.nsOfDay
      return { time, timeText, promptTokens, outputTokens, blockHashes: NO_BLOCKS }
    }
  },
  // One division of exact integers, so the arrival is the correctly rounded decimal difference.
  arrivalS: (time, firstTime) => (time - firstTime) / 1e9
}

function readTokenCount(raw: string, field: string): number | BadRow {
  const text = raw.trim()
  if (text === '') return new BadRow(field, 'missing value')
  if (!DIGITS.test(text)) {
    // '1.5', '-3' or '1e3' are numbers but not the plain integers the format writes
    const problem = Number.isFinite(Number(text)) ? 'not a positive integer' : 'not a number'
    return new BadRow(field, `${problem}: '${text}'`)
  }
  const value = Number(text)
  return tokenCountProblem(field, value) ?? value
}

interface WallClock {
  /** days since 1970-01-01 in the proleptic Gregorian calendar */
  day: number
  nsOfDay: number
}

/**
 * `YYYY-MM-DD HH:MM:SS[.f]` with 1 to 9 fraction digits, read as plain calendar arithmetic: no
 * Date, so no local time zone or DST shift can creep in, and no millisecond rounding.
 */
export function parseWallClock(text: string): WallClock | null {
  if (text.length < 19 || text.length === 20 || text.length > 29) return null
  const sep = text[10]
  if (text[4] !== '-' || text[7] !== '-' || (sep !== ' ' && sep !== 'T')) return null
  if (text[13] !== ':' || text[16] !== ':') return null
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 2)
  const dayOfMonth = digitsAt(text, 8, 2)
  const hour = digitsAt(text, 11, 2)
  const minute = digitsAt(text, 14, 2)
  const second = digitsAt(text, 17, 2)
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    dayOfMonth < 1 ||
    dayOfMonth > daysInMonth(year, month)
  ) {
    return null
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null
  let ns = 0
  if (text.length > 19) {
    if (text[19] !== '.') return null
    const fractionDigits = text.length - 20
    const fraction = digitsAt(text, 20, fractionDigits)
    if (fraction < 0) return null
    ns = fraction * 10 ** (9 - fractionDigits)
  }
  const secondOfDay = hour * 3600 + minute * 60 + second
  return { day: daysFromCivil(year, month, dayOfMonth), nsOfDay: secondOfDay * 1e9 + ns }
}

/** The integer value of `count` decimal digits at `from`, or -1 if any is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    value = value * 10 + d
  }
  return value
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Howard Hinnant's days_from_civil: day number of a Gregorian date, 1970-01-01 = 0. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100)
  return era * 146_097 + dayOfEra + dayOfYear - 719_468
}
