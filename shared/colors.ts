/** Highlight colours. The ids are stored; labels and swatches are for the UI and exports. */
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple', 'orange'] as const;

export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

export const DEFAULT_COLOR: HighlightColor = 'yellow';

export const COLOR_LABELS: Record<HighlightColor, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
  orange: 'Orange',
};

/** Tag colours cycle through the same palette so a new tag never needs a choice up front. */
export function colorForIndex(index: number): HighlightColor {
  return HIGHLIGHT_COLORS[Math.abs(index) % HIGHLIGHT_COLORS.length]!;
}
