/**
 * Errors that cross a process boundary travel as plain data (TwinErrorData): Electron's
 * contextBridge and JSON both drop an Error's custom fields. `TwinError` turns them back into
 * something a caller can catch and switch on.
 */
export type TwinErrorCode =
  'invalid-argument' | 'unknown-method' | 'not-found' | 'engine-failed' | 'unavailable' | 'internal'

export interface TwinErrorData {
  code: TwinErrorCode
  message: string
  /** dotted path of the offending argument field, when one is to blame */
  field?: string
}

export class TwinError extends Error {
  override name = 'TwinError'
  readonly code: TwinErrorCode
  readonly field: string | undefined

  constructor(data: TwinErrorData) {
    super(data.message)
    this.code = data.code
    this.field = data.field
  }

  toData(): TwinErrorData {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field }
  }
}
