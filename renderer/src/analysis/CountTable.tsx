import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import { type FocusEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { AnalysisTable } from '../../../shared/analysis/types.ts';
import { type GridAt, gridMove } from './grid-keys.ts';
import type { CellAt } from './HeatmapChart.tsx';

const ROW_HEIGHT = 28;
const HEAD_HEIGHT = 52;
const COLUMN_WIDTH = 76;
const ROW_HEAD_WIDTH = 240;

/** The virtualiser's range with one more index in it (the cell that has the focus stays drawn). */
const keeping = (index: number) => (range: Range) => {
  const list = defaultRangeExtractor(range);
  if (index < range.count && !list.includes(index)) list.push(index);
  return list.sort((a, b) => a - b);
};

/**
 * The chart's numbers as a grid, in the page for screen readers and keyboards: every count
 * above 0 is a button that lists its quotes, as a click on the picture does. Only the rows and
 * columns in and near view are drawn (10,000 cells at 400 documents took longer than the
 * picture); `aria-rowcount`/`aria-colcount` and each cell's index tell a screen reader where it
 * is, and the grid is one Tab stop whose arrow keys reach every cell (scrolled to and drawn).
 * The CSV has the same numbers.
 */
export function CountTable({
  table,
  caption,
  selected,
  onSelect,
}: {
  table: AnalysisTable;
  caption: string;
  selected: CellAt | null;
  onSelect: (cell: CellAt) => void;
}) {
  const id = useId();
  const scroll = useRef<HTMLDivElement>(null);
  const width = table.columns.length + 1; // and the total
  const [active, setActive] = useState<GridAt>({ row: 0, column: 0 });
  const at = {
    row: Math.min(active.row, table.rows.length - 1),
    column: Math.min(active.column, width - 1),
  };
  /** One axis of the grid, drawn in and near view; `keep` stays drawn (it has the focus). */
  const axis = (count: number, size: number, head: number, overscan: number, keep: number) => ({
    count,
    getScrollElement: () => scroll.current,
    estimateSize: () => size,
    paddingStart: head,
    scrollPaddingStart: head,
    overscan,
    initialRect: { width: 1000, height: 500 },
    rangeExtractor: keeping(keep),
  });
  const rows = useVirtualizer(axis(table.rows.length, ROW_HEIGHT, HEAD_HEIGHT, 6, at.row));
  const columns = useVirtualizer({
    horizontal: true,
    ...axis(width, COLUMN_WIDTH, ROW_HEAD_WIDTH, 3, at.column),
  });
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    scroll.current
      ?.querySelector<HTMLElement>(`[data-at="${at.row}:${at.column}"]`)
      ?.focus({ preventScroll: true });
  });
  const onKeyDown = (event: KeyboardEvent) => {
    const next = gridMove(at, event, table.rows.length, width);
    if (!next) return;
    event.preventDefault();
    moved.current = true;
    setActive(next);
    rows.scrollToIndex(next.row);
    columns.scrollToIndex(next.column);
  };
  // A click or a Tab into the grid makes that cell the one the arrows move from.
  const onFocus = (event: FocusEvent) => {
    const [row, column] = (event.target.getAttribute('data-at') ?? '').split(':').map(Number);
    if (row !== undefined && column !== undefined && !Number.isNaN(row) && !Number.isNaN(column))
      if (row !== at.row || column !== at.column) setActive({ row, column });
  };
  const rowItems = rows.getVirtualItems();
  const columnItems = columns.getVirtualItems();
  return (
    <div className="analysis-table">
      <p className="analysis-table-caption" id={id}>
        {caption}
      </p>
      <div className="analysis-table-wrap" ref={scroll}>
        <table
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern over a data table (APG's data grid): one Tab stop, arrows between cells.
          role="grid"
          aria-labelledby={id}
          aria-rowcount={table.rows.length + 1}
          aria-colcount={width + 1}
          className="count-grid"
          style={{ width: columns.getTotalSize(), height: rows.getTotalSize() }}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
        >
          <thead className="count-head" style={{ height: HEAD_HEIGHT }}>
            <tr aria-rowindex={1}>
              <th scope="col" aria-colindex={1} className="count-corner">
                {table.rowHeading}
              </th>
              {columnItems.map(({ index: c, start }) => {
                const column = table.columns[c];
                return (
                  <th
                    key={column?.id ?? 'total'}
                    scope="col"
                    aria-colindex={c + 2}
                    className={column?.apart ? 'apart' : undefined}
                    style={place(start)}
                  >
                    <span title={column?.label}>{column ? column.label : 'Total'}</span>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rowItems.map(({ index: r, start }) => {
              const row = table.rows[r]!;
              return (
                <tr key={row.id} aria-rowindex={r + 2} style={{ top: start, height: ROW_HEIGHT }}>
                  <th scope="row" aria-colindex={1}>
                    {row.label}
                  </th>
                  {columnItems.map(({ index: c, start }) => (
                    <Count
                      key={table.columns[c]?.id ?? 'total'}
                      table={table}
                      r={r}
                      c={c}
                      left={start}
                      active={r === at.row && c === at.column}
                      pressed={selected?.row === r && selected.column === c}
                      onSelect={onSelect}
                    />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const place = (start: number) => ({ left: start, width: COLUMN_WIDTH });

/** One cell: a count (a button above 0), the diagonal's blank, or the row's total (past the last column). */
function Count({
  table,
  r,
  c,
  left,
  active,
  pressed,
  onSelect,
}: {
  table: AnalysisTable;
  r: number;
  c: number;
  left: number;
  active: boolean;
  pressed: boolean;
  onSelect: (cell: CellAt) => void;
}) {
  const column = table.columns[c];
  const cell = { 'aria-colindex': c + 2, style: place(left) };
  // The one cell the Tab key reaches; the arrows move it.
  const focusable = { 'data-at': `${r}:${c}`, tabIndex: active ? 0 : -1 };
  if (!column)
    return (
      <td {...cell} {...focusable} className="total">
        {table.rowTotals[r]}
      </td>
    );
  const count = table.cells[r]![c]!;
  if (table.diagonal === 'empty' && r === c)
    return (
      <td {...cell} {...focusable} className="blank">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">not a pair</span>
      </td>
    );
  if (count === 0)
    return (
      <td {...cell} {...focusable} className="zero">
        0
      </td>
    );
  return (
    <td {...cell}>
      <button
        type="button"
        {...focusable}
        data-row={table.rows[r]!.id}
        data-column={column.id}
        aria-pressed={pressed}
        onClick={() => onSelect({ row: r, column: c })}
      >
        {count}
      </button>
    </td>
  );
}
