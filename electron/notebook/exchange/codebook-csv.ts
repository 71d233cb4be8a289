import { parse } from 'csv-parse/sync';
import { colorForIndex } from '../../../shared/colors.ts';
import { nearestColor } from '../../../shared/exchange/refi/colors.ts';
import { type ExchangeRead, emptyExchangeContents } from '../../../shared/exchange/types.ts';
import type { Tag } from '../../../shared/model.ts';
import { NotebookError } from '../../../shared/result.ts';
import { normalizeTagName } from '../../../shared/tags.ts';

const NAME_COLUMNS = ['path', 'name', 'tag', 'code', 'code name'];
const DESCRIPTION_COLUMNS = ['description', 'memo', 'definition', 'comment'];
const COLOR_COLUMNS = ['color', 'colour'];

/**
 * A codebook as a spreadsheet (Taguette's `name`/`path` and `description` columns, or any with
 * a name column): one tag per row, paths nested with `/` (or Taguette's `\`), an optional colour.
 * A tag id comes from its path, so importing the same file twice adds nothing.
 */
export function readCodebookCsv(
  text: string,
  fileName: string,
  options: { now: string },
): ExchangeRead {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (error) {
    throw new NotebookError(
      'invalid-input',
      `${fileName} is not a readable CSV file (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const columns = Object.keys(rows[0] ?? {});
  const nameColumn = NAME_COLUMNS.find((c) => columns.includes(c));
  if (!nameColumn)
    throw new NotebookError(
      'invalid-input',
      `${fileName} has no column of tag names (expected one called ${NAME_COLUMNS.map((c) => `“${c}”`).join(', ')}; found ${columns.map((c) => `“${c}”`).join(', ') || 'none'}).`,
    );
  const descriptionColumn = DESCRIPTION_COLUMNS.find((c) => columns.includes(c));
  const colorColumn = COLOR_COLUMNS.find((c) => columns.includes(c));
  const tags: Tag[] = [];
  const byName = new Map<string, Tag>();
  const skipped: number[] = [];
  rows.forEach((row, i) => {
    const path = normalizeTagName((row[nameColumn] ?? '').replace(/\\/g, '/'));
    if (!path || path.split('/').some((p) => p === '') || path.length > 200) {
      skipped.push(i + 2);
      return;
    }
    const parts = path.split('/');
    parts.forEach((_, depth) => {
      const name = parts.slice(0, depth + 1).join('/');
      const last = depth === parts.length - 1;
      const existing = byName.get(name.toLowerCase());
      if (existing) {
        if (last && descriptionColumn && row[descriptionColumn])
          existing.description = row[descriptionColumn]!.slice(0, 10_000);
        return;
      }
      const parent = byName.get(parts.slice(0, depth).join('/').toLowerCase());
      const tag: Tag = {
        id: `tag-csv-${Buffer.from(name.toLowerCase()).toString('base64url').slice(0, 55)}`,
        name,
        color:
          (last && colorColumn ? nearestColor(row[colorColumn]) : null) ??
          parent?.color ??
          colorForIndex(tags.length),
        description:
          last && descriptionColumn ? (row[descriptionColumn] ?? '').slice(0, 10_000) : '',
        createdAt: options.now,
        updatedAt: options.now,
      };
      tags.push(tag);
      byName.set(name.toLowerCase(), tag);
    });
  });
  if (tags.length === 0)
    throw new NotebookError('invalid-input', `${fileName} holds no tag names.`);
  const others = columns.filter(
    (c) => c !== nameColumn && c !== descriptionColumn && c !== colorColumn,
  );
  return {
    contents: { ...emptyExchangeContents(), tags },
    report: {
      format: 'codebook-csv',
      producer: null,
      notCarried:
        others.length > 0
          ? [
              `the column${others.length === 1 ? '' : 's'} ${others.map((c) => `“${c}”`).join(', ')}`,
            ]
          : [],
      unplaced: skipped.map((line) => ({
        what: `Row ${line}`,
        reason: 'It has no usable tag name (empty, an empty path part, or over 200 characters).',
      })),
      notes: [],
    },
  };
}
