import { plural } from '../format.ts';
import type { RestoreCounts, RestoreKind, RestorePreview } from './restore-plan.ts';

/** The kinds of record, as people call them, in the order a preview lists them. */
export const RESTORE_KINDS: readonly [RestoreKind, string][] = [
  ['documents', 'Documents'],
  ['annotations', 'Quotes'],
  ['tags', 'Tags'],
  ['notes', 'Notes'],
];

const ROWS: { key: keyof RestoreCounts; label: string; warn?: boolean }[] = [
  { key: 'added', label: 'Added' },
  { key: 'updated', label: 'Updated' },
  { key: 'matched', label: 'Matched by name or text' },
  { key: 'unchanged', label: 'Already the same' },
  { key: 'kept', label: 'Kept as they are' },
  { key: 'removed', label: 'Removed', warn: true },
];

/** A preview as table rows: what happens (added, updated…) by kind; empty rows left out. */
export function restoreLines(
  preview: RestorePreview,
): { label: string; values: number[]; warn: boolean }[] {
  return ROWS.map((row) => ({
    label: row.label,
    values: RESTORE_KINDS.map(([kind]) => preview[kind][row.key]),
    warn: row.warn === true,
  })).filter((line) => line.label === 'Added' || line.values.some((v) => v > 0));
}

const NOUNS: Record<RestoreKind, string> = {
  documents: 'document',
  annotations: 'quote',
  tags: 'tag',
  notes: 'note',
};

/** "2 documents and 5 quotes added, 1 note updated", or that nothing changed. */
export function describeRestore(preview: RestorePreview): string {
  const part = (key: 'added' | 'updated' | 'removed') => {
    const counts = RESTORE_KINDS.map(([kind]) => [kind, preview[kind][key]] as const)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => plural(n, NOUNS[kind]));
    if (counts.length === 0) return null;
    const list =
      counts.length === 1 ? counts[0] : `${counts.slice(0, -1).join(', ')} and ${counts.at(-1)}`;
    return `${list} ${key}`;
  };
  const parts = [part('added'), part('updated'), part('removed')].filter(Boolean);
  return parts.length ? parts.join('; ') : 'nothing new';
}
