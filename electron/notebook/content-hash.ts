import { createHash } from 'node:crypto';

/** Identity of a document's content: SHA-256 of its canonical text. */
export function contentHash(canonicalText: string): string {
  return `sha256:${createHash('sha256').update(canonicalText, 'utf8').digest('hex')}`;
}
