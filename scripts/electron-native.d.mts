// Types for the tests (TypeScript does not read the .mjs itself).
export declare function electronNativeBindingPath(appRoot: string, electronVersion: string): string
export declare function electronBuildEnv(
  env: Record<string, string | undefined>,
  electronVersion: string
): Record<string, string | undefined>
export declare function nativeBuildFailedMessage(electronVersion: string, reason: string): string
export declare function ensureElectronNative(
  appRoot: string,
  electronVersion: string,
  env?: Record<string, string | undefined>
): { ok: true; path: string; built: boolean } | { ok: false; reason: string }
