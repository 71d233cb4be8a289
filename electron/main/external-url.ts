/** Longer than a document's URL field may hold: not a link anyone clicked. */
const MAX_LENGTH = 4096;

/**
 * What a link may open in the system browser: an absolute http(s) address, normalised by the URL
 * parser (so the address the user is shown is exactly the one opened), with no user name or
 * password in it (`https://bank.example@evil.example/` hides its real host). Everything else —
 * `javascript:`, `data:`, `file:`, `mailto:`, other apps' schemes, relative or malformed
 * addresses — is null and never reaches the shell. Kept free of electron imports for its unit test.
 */
export function externalLinkTarget(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return url.href.length <= MAX_LENGTH ? url : null;
}
