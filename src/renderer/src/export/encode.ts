/** Bytes for the trip to main: exports.save carries them as base64 (shared/exports.ts). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

export function textToBase64(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text))
}

/** A canvas as PNG bytes (the browser's encoder, canvas.toBlob). */
export async function canvasToPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) throw new Error('the browser could not encode the picture as PNG')
  return new Uint8Array(await blob.arrayBuffer())
}

export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${bytesToBase64(png)}`
}
