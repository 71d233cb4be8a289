const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * A link worth keeping from imported content: http(s) or mailto, made absolute against the page's
 * address. Anything else (`javascript:`, `data:`, `file:`, relative links with no known base) is
 * dropped and its text stays as plain text.
 */
export function safeHref(href: string, base?: string): string | null {
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (!SAFE_PROTOCOLS.has(url.protocol)) return null;
  return url.href.length <= 4096 ? url.href : null;
}

/** An http(s) address, or null: what may stand as a document's URL. */
export function webAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    const web = url.protocol === 'http:' || url.protocol === 'https:';
    // Longer than a document's URL field may hold: not worth keeping (and never stored).
    return web && url.href.length <= 4096 ? url.href : null;
  } catch {
    return null;
  }
}
