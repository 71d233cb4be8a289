/**
 * The renderer's Content-Security-Policy: nothing from any remote origin, no inline or eval'd
 * script, no plugins, no frames, no forms. Served as a header by the app protocol and as a meta
 * tag in the built index.html, so the built renderer is also locked down in a plain browser.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
