import { plural } from '../format.ts';
import { NotebookError } from '../result.ts';
import type { Axis } from './types.ts';

export interface Tally {
  rows: Axis[];
  columns: Axis[];
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
}

/**
 * Count items into a rows × columns table: each item adds one to every (row, column) pair it
 * falls in, and once to each of its rows' and columns' totals (so a total counts distinct items,
 * even where columns share documents). `rowsOf` and `columnsOf` give indices, each at most once.
 */
export function tally<T>(
  rows: Axis[],
  columns: Axis[],
  items: Iterable<T>,
  rowsOf: (item: T) => readonly number[],
  columnsOf: (item: T) => readonly number[],
): Tally {
  const width = columns.length;
  const flat = new Uint32Array(rows.length * width);
  const rowTotals = new Array<number>(rows.length).fill(0);
  const columnTotals = new Array<number>(width).fill(0);
  for (const item of items) {
    const rs = rowsOf(item);
    if (rs.length === 0) continue;
    const cs = columnsOf(item);
    if (cs.length === 0) continue;
    for (const r of rs) {
      rowTotals[r]!++;
      for (const c of cs) flat[r * width + c]!++;
    }
    for (const c of cs) columnTotals[c]!++;
  }
  const cells = rows.map((_, r) => Array.from(flat.subarray(r * width, (r + 1) * width)));
  return { rows, columns, cells, rowTotals, columnTotals };
}

/** Leave out rows whose total is 0, saying how many went (what the page puts under the chart). */
export function dropEmptyRows(t: Tally, what: [one: string, many: string]): [Tally, string[]] {
  const keep = t.rows.map((_, r) => t.rowTotals[r]! > 0);
  const dropped = keep.filter((k) => !k).length;
  if (dropped === 0) return [t, []];
  const pick = <V>(list: V[]) => list.filter((_, r) => keep[r]);
  return [
    { ...t, rows: pick(t.rows), cells: pick(t.cells), rowTotals: pick(t.rowTotals) },
    [`${plural(dropped, what[0], what[1])} with no quotes here left out.`],
  ];
}

/** Leave out columns whose total is 0. */
export function dropEmptyColumns(t: Tally): Tally {
  const keep = t.columns.map((_, c) => t.columnTotals[c]! > 0);
  if (keep.every(Boolean)) return t;
  const pick = <V>(list: V[]) => list.filter((_, c) => keep[c]);
  return {
    ...t,
    columns: pick(t.columns),
    columnTotals: pick(t.columnTotals),
    cells: t.cells.map(pick),
  };
}

/** The largest cell outside the apart columns: the top of the colour scale. */
export function maxCell(t: Pick<Tally, 'cells' | 'columns'>, skipDiagonal = false): number {
  let max = 0;
  t.cells.forEach((row, r) => {
    row.forEach((v, c) => {
      if (t.columns[c]?.apart || (skipDiagonal && r === c)) return;
      if (v > max) max = v;
    });
  });
  return max;
}

/** Index of each id in a list of axes. */
export function positions(axes: readonly Axis[]): Map<string, number> {
  return new Map(axes.map((a, i) => [a.id, i]));
}

/** A chart's axes as the tally saw them: what each item falls in, and each axis id's index. */
export interface TallyAxes<T> {
  rows: Axis[];
  columns: Axis[];
  rowsOf: (item: T) => readonly number[];
  columnsOf: (item: T) => readonly number[];
  rowOf: ReadonlyMap<string, number>;
  columnOf: ReadonlyMap<string, number>;
}

/**
 * The items behind one cell, chosen with the same `rowsOf`/`columnsOf` the tally counted them
 * with, so a cell's list always agrees with its number. A cell no longer in the chart (the
 * notebook changed since it was drawn) is a not-found error naming the chart.
 */
export function itemsInCell<T>(
  axes: TallyAxes<T>,
  items: readonly T[],
  ids: { rowId: string; columnId: string },
  chart: string,
): { row: Axis; column: Axis; quotes: T[] } {
  const r = axes.rowOf.get(ids.rowId);
  const c = axes.columnOf.get(ids.columnId);
  if (r === undefined || c === undefined)
    throw new NotebookError('not-found', `That cell is not in the ${chart} any more.`);
  const quotes = items.filter((q) => axes.rowsOf(q).includes(r) && axes.columnsOf(q).includes(c));
  return { row: axes.rows[r]!, column: axes.columns[c]!, quotes };
}
