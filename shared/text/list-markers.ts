import type { Block } from '../model.ts';

/**
 * The marker each list item shows: "•" (or "◦", "▪" deeper down) for unordered lists, and its
 * number for ordered ones, counted per nesting level along a run of list items. Null for other
 * blocks. Markers are drawn by CSS, never put in the text, so offsets are unaffected.
 */
export function listMarkers(blocks: readonly Block[]): (string | null)[] {
  const bullets = ['•', '◦', '▪'];
  const counters: number[] = [];
  return blocks.map((block) => {
    if (block.type !== 'list-item') {
      counters.length = 0;
      return null;
    }
    const level = block.level ?? 0;
    // Deeper levels restart when a shallower item comes between them.
    counters.length = level + 1;
    counters[level] = (counters[level] ?? 0) + 1;
    return block.ordered ? `${counters[level]}.` : (bullets[level % bullets.length] ?? '•');
  });
}
