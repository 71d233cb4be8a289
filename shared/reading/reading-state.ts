import { z } from 'zod';

/**
 * Where a document was last read: the offset of the text at the top of the view (so the place
 * survives a new font size or window width), how far through it is, and when it was opened.
 */
export const readingStateSchema = z
  .object({
    /** Offset into the canonical text of the first block in view; null when not known (a PDF). */
    position: z.number().int().nonnegative().nullable(),
    /** 0 at the top, 1 at the end. */
    progress: z.number().min(0).max(1),
    openedAt: z.string().max(40),
  })
  .strict();
export type ReadingState = z.infer<typeof readingStateSchema>;

export type ReadingStates = Record<string, ReadingState>;

/** Read the file's content, keeping every valid entry; counts the ones it had to drop. */
export function readReadingStates(value: unknown): { states: ReadingStates; dropped: number } {
  const states: ReadingStates = {};
  let dropped = 0;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { states, dropped: value === undefined ? 0 : 1 };
  for (const [id, entry] of Object.entries(value)) {
    const parsed = readingStateSchema.safeParse(entry);
    if (parsed.success && id.length > 0 && id.length <= 64) states[id] = parsed.data;
    else dropped++;
  }
  return { states, dropped };
}

/** "Read 40%", "Finished", or nothing for a document never opened. */
export function progressLabel(state: ReadingState | undefined): string {
  if (!state) return '';
  if (state.progress >= 0.98) return 'Finished';
  return `Read ${Math.round(state.progress * 100)}%`;
}
