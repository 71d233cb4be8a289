import type { TagUsage } from '../../../shared/codebook.ts';
import { plural } from '../../../shared/format.ts';

export { plural };

export const EMPTY_USAGE: TagUsage = { quotes: 0, quotesWithin: 0, notes: 0, notesWithin: 0 };

/** "12 quotes (8 tagged directly) · 3 notes". */
export function usageLine(usage: TagUsage): string {
  const direct =
    usage.quotes === usage.quotesWithin
      ? ''
      : ` (${usage.quotes.toLocaleString()} tagged directly)`;
  return `${plural(usage.quotesWithin, 'quote')}${direct} · ${plural(usage.notesWithin, 'note')}`;
}

/** "a, b and c". */
export function listing(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export function formatCreated(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}
