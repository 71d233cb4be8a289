/** A position in a grid of counts: a row, and a column (the last one is the row's total). */
export interface GridAt {
  row: number;
  column: number;
}

/** Rows a Page Up or Page Down moves. */
export const PAGE_ROWS = 10;

/**
 * Where a key moves the focus in a `rows` × `columns` grid, as the ARIA grid pattern has it:
 * arrows one cell, Home and End to the row's ends (with Ctrl, the grid's), Page Up and Down ten
 * rows. Null for any other key, or a grid with no cells. Pure, so it is tested without a page.
 */
export function gridMove(
  at: GridAt,
  key: { key: string; ctrlKey?: boolean; metaKey?: boolean },
  rows: number,
  columns: number,
): GridAt | null {
  if (rows < 1 || columns < 1) return null;
  const clamp = (row: number, column: number) => ({
    row: Math.max(0, Math.min(rows - 1, row)),
    column: Math.max(0, Math.min(columns - 1, column)),
  });
  const whole = key.ctrlKey || key.metaKey;
  switch (key.key) {
    case 'ArrowRight':
      return clamp(at.row, at.column + 1);
    case 'ArrowLeft':
      return clamp(at.row, at.column - 1);
    case 'ArrowDown':
      return clamp(at.row + 1, at.column);
    case 'ArrowUp':
      return clamp(at.row - 1, at.column);
    case 'PageDown':
      return clamp(at.row + PAGE_ROWS, at.column);
    case 'PageUp':
      return clamp(at.row - PAGE_ROWS, at.column);
    case 'Home':
      return clamp(whole ? 0 : at.row, 0);
    case 'End':
      return clamp(whole ? rows - 1 : at.row, columns - 1);
    default:
      return null;
  }
}
