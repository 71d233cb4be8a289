import type { ContentBox } from './reader-geometry.ts';

/*
 * Where the reader's popovers sit beside what they are for, from boxes measured in the content
 * box (which scrolls with the text, so they stay put while it scrolls). Apart from the DOM so
 * the clamping at the edges can be tested without a layout engine.
 */

const TOOLBAR_HALF_WIDTH = 170;
const EDITOR_WIDTH = 340;

/** `value` within [min, max]; when the box is too narrow for both, `min` wins (stay on screen at the left). */
const clamp = (value: number, min: number, max: number) =>
  Math.max(min, Math.min(value, Math.max(min, max)));

/** The selection toolbar: centred above the selection, whole inside the content box. */
export function toolbarPlacement(selection: ContentBox): { top: number; left: number } {
  return {
    top: Math.max(0, selection.top - 52),
    left: clamp(selection.center, TOOLBAR_HALF_WIDTH, selection.width - TOOLBAR_HALF_WIDTH),
  };
}

/** The highlight editor: under its highlight, from its left edge, whole inside the content box. */
export function editorPlacement(highlight: ContentBox): { top: number; left: number } {
  return {
    top: highlight.bottom + 10,
    left: clamp(highlight.left, 8, highlight.width - EDITOR_WIDTH - 8),
  };
}
