/**
 * Bytes for the trip between processes: the TwinApi carries binary data (exports, dropped
 * files, saved frames) as base64 so the browser view's JSON wire carries it as the app's IPC
 * does (shared/exports.ts bounds it).
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  // in slices: String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

export function textToBase64(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text))
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
