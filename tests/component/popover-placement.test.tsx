import { describe, expect, it } from 'vitest';
import { editorPlacement, toolbarPlacement } from '../../renderer/src/reader/popover-placement.ts';
import type { ContentBox } from '../../renderer/src/reader/reader-geometry.ts';

/** A box 20 px tall at (left, top) in a content box `width` wide. */
const box = (left: number, top: number, width = 800, boxWidth = 100): ContentBox => ({
  top,
  bottom: top + 20,
  left,
  center: left + boxWidth / 2,
  width,
});

describe('toolbarPlacement', () => {
  it('centres the toolbar 52 px above the selection', () => {
    expect(toolbarPlacement(box(300, 200))).toEqual({ top: 148, left: 350 });
  });

  it('keeps it below the top of the content box', () => {
    expect(toolbarPlacement(box(300, 30)).top).toBe(0);
  });

  it('keeps its half width (170 px) inside either edge', () => {
    expect(toolbarPlacement(box(0, 200)).left).toBe(170);
    expect(toolbarPlacement(box(700, 200)).left).toBe(630);
  });

  it('holds to the left edge when the content box is narrower than the toolbar', () => {
    expect(toolbarPlacement(box(100, 200, 300)).left).toBe(170);
  });
});

describe('editorPlacement', () => {
  it('puts the editor 10 px under its highlight, from its left edge', () => {
    expect(editorPlacement(box(200, 100))).toEqual({ top: 130, left: 200 });
  });

  it('keeps the editor (340 px) 8 px inside either edge', () => {
    expect(editorPlacement(box(2, 100)).left).toBe(8);
    expect(editorPlacement(box(700, 100)).left).toBe(452);
  });

  it('holds to the left edge when the content box is narrower than the editor', () => {
    expect(editorPlacement(box(100, 100, 300)).left).toBe(8);
  });
});
