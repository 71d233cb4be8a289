/**
 * Stable ids for what a Hypothesis file brings in, so importing the same file twice makes the
 * same records (and the merge finds nothing new the second time).
 */

/** 64-bit FNV-1a of the text's UTF-16 code units, as 16 hex digits. */
export function stableHash(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * prime) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}

/** A Hypothesis id as it may stand in a Marginalia id (and a `marginalia://quote/` link). */
const SAFE_ID = /^[A-Za-z0-9_-]{1,48}$/;

/** `<prefix>-<id>`: the Hypothesis id when it is short and plain, else a hash of it. */
export function derivedId(prefix: 'ann-hyp' | 'note-hyp', hypothesisId: string): string {
  return SAFE_ID.test(hypothesisId)
    ? `${prefix}-${hypothesisId}`
    : `${prefix}-h${stableHash(hypothesisId)}`;
}

/** A tag's id from its name, ignoring case: the same name always gets the same id. */
export const tagIdFor = (name: string) => `tag-hyp-${stableHash(name.toLowerCase())}`;
