/**
 * Web addresses as Hypothesis writes them, compared the way a reader means them: the same page
 * whether it was read over http or https, with or without a trailing slash or a `#fragment`.
 */

/** How Marginalia names a document without a web address when it writes a Hypothesis file. */
export const MARGINALIA_URN = 'urn:x-marginalia:';

export const marginaliaUrn = (documentId: string) =>
  `${MARGINALIA_URN}${encodeURIComponent(documentId)}`;

/** The document id in a `urn:x-marginalia:` address, else null. */
export function documentIdFromUrn(address: string): string | null {
  if (!address.startsWith(MARGINALIA_URN)) return null;
  try {
    return decodeURIComponent(address.slice(MARGINALIA_URN.length)) || null;
  } catch {
    return null;
  }
}

/**
 * The key two addresses share when they name the same page: for http(s), the host (lower case,
 * without a default port), the path without a trailing slash, and the query, without scheme or
 * fragment; anything else (a `urn:x-pdf:` fingerprint, a `doi:`) as written, trimmed.
 */
export function addressKey(address: string): string {
  const trimmed = address.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return trimmed;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return trimmed.replace(/#.*$/, '');
  const path = url.pathname.replace(/\/+$/, '');
  return `web:${url.host}${path}${url.search}`;
}

/** An absolute http(s) address, else null. */
export function webAddress(address: string): string | null {
  try {
    const url = new URL(address.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
