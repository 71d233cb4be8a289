import { z } from 'zod';
import type { ReadingState, ReadingStates } from './reading-state.ts';

/** The reading file's schema, for the core only (zod stays out of the page: see settings-schema). */
export const readingStateSchema: z.ZodType<ReadingState> = z
  .object({
    /** Offset into the canonical text of the first block in view; null when not known (a PDF). */
    position: z.number().int().nonnegative().nullable(),
    /** 0 at the top, 1 at the end. */
    progress: z.number().min(0).max(1),
    openedAt: z.string().max(40),
  })
  .strict();

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
