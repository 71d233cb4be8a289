/**
 * The `tags` cell of the CSV export, kept apart from the exporter so the renderer can name the
 * separator without loading csv-stringify (whose module reads Node's `Buffer` when it loads).
 */

/** Between the tag paths in the `tags` cell. */
export const TAG_SEPARATOR = '; ';

/**
 * The `tags` cell: tag paths joined with `; `. A `\` or `;` inside a name is escaped as `\\` or
 * `\;`, so every name comes back whole with {@link splitTagCell}. No tags is the empty string.
 */
export function joinTagCell(names: readonly string[]): string {
  return names.map((name) => name.replace(/[\\;]/g, (c) => `\\${c}`)).join(TAG_SEPARATOR);
}

/**
 * The inverse of {@link joinTagCell}: the tag paths in a `tags` cell. An unescaped `;` ends a
 * name (the one space after it is part of the separator); `\x` stands for `x`. The empty cell
 * is no tags.
 */
export function splitTagCell(cell: string): string[] {
  if (cell === '') return [];
  const names: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!;
    if (c === '\\' && i + 1 < cell.length) {
      current += cell[++i];
    } else if (c === ';') {
      names.push(current);
      current = '';
      if (cell[i + 1] === ' ') i++;
    } else {
      current += c;
    }
  }
  names.push(current);
  return names;
}
