import { randomUUID } from 'node:crypto';

/** Short readable prefix + UUID: ids stay unique across merges of exported notebooks. */
export function newId(prefix: 'doc' | 'ann' | 'tag' | 'note' | 'coder' | 'col' | 'round'): string {
  return `${prefix}_${randomUUID()}`;
}
