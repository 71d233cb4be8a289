/**
 * Where a document was last read: the offset of the text at the top of the view (so the place
 * survives a new font size or window width), how far through it is, and when it was opened.
 */
export interface ReadingState {
  /** Offset into the canonical text of the first block in view; null when not known (a PDF). */
  position: number | null;
  /** 0 at the top, 1 at the end. */
  progress: number;
  openedAt: string;
}

export type ReadingStates = Record<string, ReadingState>;

/** "Read 40%", "Finished", or nothing for a document never opened. */
export function progressLabel(state: ReadingState | undefined): string {
  if (!state) return '';
  if (state.progress >= 0.98) return 'Finished';
  return `Read ${Math.round(state.progress * 100)}%`;
}
