import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CountTable } from '../../renderer/src/analysis/CountTable.tsx';
import { heatmapLayout, MAX_LABELLED_CELLS } from '../../renderer/src/analysis/chart-layout.ts';
import { DARK, LIGHT } from '../../renderer/src/analysis/chart-theme.ts';
import { pictureFile, svgText } from '../../renderer/src/analysis/export-picture.ts';
import { gridMove } from '../../renderer/src/analysis/grid-keys.ts';
import {
  type ChartProps,
  HeatmapChart,
  wholeHeatmap,
} from '../../renderer/src/analysis/HeatmapChart.tsx';
import { PairList } from '../../renderer/src/analysis/PairList.tsx';
import type { AnalysisTable } from '../../shared/analysis/types.ts';

function table(overrides: Partial<AnalysisTable> = {}): AnalysisTable {
  return {
    chart: 'speakers',
    rowHeading: 'Speaker',
    columnHeading: 'Code',
    rows: [
      { id: 's1', label: 'Mujahid' },
      { id: 's2', label: 'Fitrat' },
    ],
    columns: [
      { id: 'threat', label: 'threat' },
      { id: 'actors', label: 'actors' },
      { id: '__no-code__', label: 'No code yet', apart: true },
    ],
    cells: [
      [3, 0, 1],
      [1, 2, 0],
    ],
    rowTotals: [4, 3],
    columnTotals: [4, 2, 1],
    max: 3,
    quotes: 7,
    unit: 'quotes',
    notes: [],
    ...overrides,
  };
}

/**
 * happy-dom lays nothing out: give the picture's and the table's scrollers a box (what the
 * virtualisers read), 800 × 400 pixels, while a test runs.
 */
function withScrollerBoxes(): () => void {
  const box = (el: HTMLElement, name: string) =>
    el.classList.contains('analysis-picture') || el.classList.contains('analysis-table-wrap')
      ? name === 'clientWidth'
        ? 800
        : 400
      : 0;
  const saved = ['clientHeight', 'clientWidth'].map(
    (name) => [name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name)] as const,
  );
  for (const [name] of saved)
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get(this: HTMLElement) {
        return box(this, name);
      },
    });
  return () => {
    for (const [name, descriptor] of saved)
      if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
  };
}

let restoreBoxes = () => {};
beforeEach(() => {
  restoreBoxes = withScrollerBoxes();
});
afterEach(() => restoreBoxes());

/** The heat map in its scroller, as the view draws it. */
function Picture(props: Omit<ChartProps, 'scrollRef'>) {
  const scroll = useRef<HTMLDivElement>(null);
  return (
    <div className="analysis-picture" ref={scroll}>
      <HeatmapChart {...props} scrollRef={scroll} />
    </div>
  );
}

/** A big table: `rows` codes × `columns` documents, each count telling its cell (r·columns + c). */
function big(rows: number, columns: number): AnalysisTable {
  return table({
    chart: 'matrix',
    rowHeading: 'Code',
    columnHeading: 'Document',
    rows: Array.from({ length: rows }, (_, r) => ({ id: `t${r}`, label: `tag ${r}` })),
    columns: Array.from({ length: columns }, (_, c) => ({ id: `d${c}`, label: `Doc ${c}` })),
    cells: Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => r * columns + c + 1),
    ),
    rowTotals: Array.from({ length: rows }, (_, r) => 1000 + r),
    columnTotals: Array.from({ length: columns }, () => 1),
    max: rows * columns,
  });
}

describe('the heat map', () => {
  it('draws one cell per count with its numbers, and a click on a cell selects it', () => {
    const onSelect = vi.fn();
    const { container } = render(
      <Picture
        table={table()}
        theme={LIGHT}
        title="Speaker × code"
        selected={null}
        onSelect={onSelect}
      />,
    );
    expect(
      screen.getByRole('img', { name: /Speaker × code: 2 speaker rows by 3 code columns/ }),
    ).toBeTruthy();
    const cells = container.querySelectorAll('rect.analysis-cell');
    expect(cells).toHaveLength(6);
    const cell = container.querySelector('[data-row="s2"][data-column="actors"]')!;
    expect(cell.getAttribute('data-count')).toBe('2');
    fireEvent.click(cell);
    expect(onSelect).toHaveBeenCalledWith({ row: 1, column: 1 });
    // The file is the element: colours are attributes, and the interaction hooks are dropped.
    const text = svgText(container.querySelector('svg')!);
    expect(text).toMatch(/^<\?xml/);
    expect(text).toContain(`fill="${LIGHT.background}"`);
    expect(text).not.toContain('class=');
  });

  it('puts apart columns after a gap, scales colours from 0, and stops writing counts in big maps', () => {
    const layout = heatmapLayout(table(), DARK);
    expect(layout.xScale(2) - layout.xScale(1)).toBeGreaterThan(
      layout.xScale(1) - layout.xScale(0),
    );
    expect(layout.colorScale(0)).toBe(DARK.empty);
    expect(layout.colorScale(3)).toBe(layout.colorScale(99)); // clamped at the max
    expect(layout.labelled).toBe(true);
    const wide = table({
      columns: Array.from({ length: 200 }, (_, i) => ({ id: `d${i}`, label: `Doc ${i}` })),
      cells: Array.from({ length: 20 }, () => Array.from({ length: 200 }, () => 1)),
      rows: Array.from({ length: 20 }, (_, i) => ({ id: `r${i}`, label: `row ${i}` })),
    });
    expect(20 * 200).toBeGreaterThan(MAX_LABELLED_CELLS);
    expect(heatmapLayout(wide, LIGHT).labelled).toBe(false);
  });

  it('draws only the cells in and near view of a 500-code matrix, and saves every one', () => {
    const props = {
      table: big(500, 3),
      theme: LIGHT,
      title: 'Code × document',
      selected: null,
      onSelect: () => {},
    };
    const { container } = render(<Picture {...props} />);
    const svg = container.querySelector('svg')!;
    const layout = heatmapLayout(props.table, LIGHT);
    // The picture keeps the whole chart's size, so it scrolls as before.
    expect(Number(svg.getAttribute('height'))).toBe(layout.height);
    const drawn = container.querySelectorAll('rect.analysis-cell');
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThan(500 * 3);
    // Every drawn cell has its own count.
    for (const cell of drawn) {
      const r = Number(cell.getAttribute('data-r'));
      const c = Number(cell.getAttribute('data-c'));
      expect(cell.getAttribute('data-count')).toBe(String(r * 3 + c + 1));
    }
    // The file holds the whole chart: every cell and every row's label.
    const file = new DOMParser().parseFromString(
      pictureFile(wholeHeatmap(props)).text,
      'image/svg+xml',
    );
    expect(file.querySelectorAll('rect[data-count]')).toHaveLength(500 * 3);
    expect(
      file.querySelector('[data-row="t499"][data-column="d2"]')?.getAttribute('data-count'),
    ).toBe(String(500 * 3));
    expect(file.documentElement.textContent).toContain('tag 499');
    expect(file.querySelector('[class]')).toBeNull();
  });
});

describe('the table of numbers', () => {
  it('draws a window of a 500-code matrix, and every count is reachable from the keyboard', async () => {
    const onSelect = vi.fn();
    render(
      <CountTable
        table={big(500, 8)}
        caption="Code × document"
        selected={null}
        onSelect={onSelect}
      />,
    );
    const grid = screen.getByRole('grid', { name: 'Code × document' });
    // A screen reader is told the whole size; only rows in and near view are in the page.
    expect(grid.getAttribute('aria-rowcount')).toBe('501');
    expect(grid.getAttribute('aria-colcount')).toBe('10');
    const drawnRows = within(grid).getAllByRole('row').length;
    expect(drawnRows).toBeGreaterThan(2);
    expect(drawnRows).toBeLessThan(100);
    // One Tab stop: the first count.
    const first = grid.querySelector<HTMLElement>('[tabindex="0"]')!;
    expect(first.textContent).toBe('1');
    first.focus();
    // Page Down and the arrows walk every row: each focused count is the table's.
    for (let r = 0; r < 500; r += 10) {
      const focused = document.activeElement as HTMLElement;
      expect(focused.getAttribute('data-row')).toBe(`t${r}`);
      expect(focused.textContent).toBe(String(r * 8 + 1));
      expect(focused.closest('tr')?.getAttribute('aria-rowindex')).toBe(String(r + 2));
      await act(async () => {
        fireEvent.keyDown(focused, { key: 'PageDown' });
      });
    }
    // Ctrl+End: the last row's total; Home, then Enter on its first count opens that cell.
    await act(async () => {
      fireEvent.keyDown(document.activeElement!, { key: 'End', ctrlKey: true });
    });
    expect(document.activeElement?.textContent).toBe('1499');
    await act(async () => {
      fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    });
    expect(document.activeElement?.textContent).toBe(String(499 * 8 + 1));
    await userEvent.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledWith({ row: 499, column: 0 });
  });

  it('moves like an ARIA grid: arrows, Home and End, Page Up and Down, never off the grid', () => {
    const at = { row: 3, column: 2 };
    expect(gridMove(at, { key: 'ArrowRight' }, 20, 5)).toEqual({ row: 3, column: 3 });
    expect(gridMove(at, { key: 'ArrowUp' }, 20, 5)).toEqual({ row: 2, column: 2 });
    expect(gridMove(at, { key: 'PageUp' }, 20, 5)).toEqual({ row: 0, column: 2 });
    expect(gridMove(at, { key: 'PageDown' }, 20, 5)).toEqual({ row: 13, column: 2 });
    expect(gridMove(at, { key: 'End' }, 20, 5)).toEqual({ row: 3, column: 4 });
    expect(gridMove(at, { key: 'Home', ctrlKey: true }, 20, 5)).toEqual({ row: 0, column: 0 });
    expect(gridMove({ row: 0, column: 4 }, { key: 'ArrowRight' }, 20, 5)).toEqual({
      row: 0,
      column: 4,
    });
    expect(gridMove(at, { key: 'a' }, 20, 5)).toBeNull();
    expect(gridMove(at, { key: 'ArrowDown' }, 0, 5)).toBeNull();
  });

  it('has a button for every count above 0, headed by its row and column', async () => {
    const onSelect = vi.fn();
    render(
      <CountTable
        table={table()}
        caption="Speaker × code"
        selected={{ row: 0, column: 0 }}
        onSelect={onSelect}
      />,
    );
    const grid = screen.getByRole('grid', { name: 'Speaker × code' });
    expect(
      within(grid)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Speaker', 'threat', 'actors', 'No code yet', 'Total']);
    expect(within(grid).getAllByRole('button')).toHaveLength(4);
    expect(within(grid).getAllByRole('button', { pressed: true })).toHaveLength(1);
    await userEvent.click(
      within(grid)
        .getByRole('row', { name: /Fitrat/ })
        .querySelector('button[data-column="actors"]')!,
    );
    expect(onSelect).toHaveBeenCalledWith({ row: 1, column: 1 });
  });

  it('leaves the diagonal of co-occurrence empty and says why', () => {
    render(
      <CountTable
        table={table({
          chart: 'cooccurrence',
          columns: [
            { id: 's1', label: 'Mujahid' },
            { id: 's2', label: 'Fitrat' },
          ],
          cells: [
            [0, 2],
            [2, 0],
          ],
          diagonal: 'empty',
        })}
        caption="Co-occurrence"
        selected={null}
        onSelect={() => {}}
      />,
    );
    expect(screen.getAllByText('not a pair')).toHaveLength(2);
  });

  it('lists co-occurring pairs as buttons read in words', async () => {
    const onOpen = vi.fn();
    render(
      <PairList
        table={table({
          pairs: [{ a: { id: 'a', label: 'actors' }, b: { id: 't', label: 'threat' }, count: 3 }],
        })}
        onOpen={onOpen}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'actors and threat 3 quotes' }));
    expect(onOpen).toHaveBeenCalledWith('a', 't');
  });
});
