// Types for the tests (TypeScript does not read the .mjs itself).
export declare const FALLBACK_HINT: string
export declare function electronVersion(appRoot: string): string
export declare function electronBinaryPath(
  electronDir: string,
  env?: Record<string, string | undefined>
): string | null
export declare function shortReason(output: unknown, fallback?: string): string
export declare function electronDownloadFailedMessage(version: string, reason: string): string
export declare function installElectron(
  electronDir: string,
  env?: Record<string, string | undefined>
): { ok: true } | { ok: false; reason: string }
