import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { CountTable } from '../../renderer/src/analysis/CountTable.tsx';
import { heatmapLayout, MAX_LABELLED_CELLS } from '../../renderer/src/analysis/chart-layout.ts';
import { DARK, LIGHT } from '../../renderer/src/analysis/chart-theme.ts';
import { svgText } from '../../renderer/src/analysis/export-picture.ts';
import { HeatmapChart } from '../../renderer/src/analysis/HeatmapChart.tsx';
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

describe('the heat map', () => {
  it('draws one cell per count with its numbers, and a click on a cell selects it', () => {
    const onSelect = vi.fn();
    const svg = createRef<SVGSVGElement>();
    const { container } = render(
      <HeatmapChart
        table={table()}
        theme={LIGHT}
        title="Speaker × code"
        selected={null}
        onSelect={onSelect}
        svgRef={svg}
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
    const text = svgText(svg.current!);
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
});

describe('the table of numbers', () => {
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
    const grid = screen.getByRole('table', { name: 'Speaker × code' });
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
