/**
 * Content-Security-Policy for the renderer, the same in the app and the browser view: only the
 * app's own scripts and styles, no remote content, no plugins, no framing, no form posts.
 * `connect` adds origins the page may open connections to (the browser view's WebSocket);
 * `delivery` is 'meta' for the copy inside index.html.
 */
export function contentSecurityPolicy(
  connect: readonly string[] = [],
  delivery: 'header' | 'meta' = 'header'
): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'media-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", ...connect],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"]
  }
  // Browsers ignore frame-ancestors in a <meta> policy, and say so in the console.
  if (delivery === 'meta') delete directives['frame-ancestors']
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ')
}
