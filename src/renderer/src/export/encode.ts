import { bytesToBase64 } from '../api/base64'

/** A canvas as PNG bytes (the browser's encoder, canvas.toBlob). */
export async function canvasToPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) throw new Error('the browser could not encode the picture as PNG')
  return new Uint8Array(await blob.arrayBuffer())
}

export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${bytesToBase64(png)}`
}
