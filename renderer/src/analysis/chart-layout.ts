import { scaleBand, scaleLinear } from '@visx/scale';
import type { AnalysisTable } from '../../../shared/analysis/types.ts';
import type { ChartTheme } from './chart-theme.ts';

/** A heat map draws at most this many cells; beyond, the first rows, and the table says so. */
export const MAX_DRAWN_CELLS = 20_000;
/** Counts are written in the cells up to this many cells (beyond, the colour and the table say). */
export const MAX_LABELLED_CELLS = 3000;
export const CELL_WIDTH = 44;
export const CELL_HEIGHT = 28;
const ROW_LABEL_CHARS = 30;
const COLUMN_LABEL_CHARS = 22;

export const shorten = (label: string, chars: number) =>
  label.length > chars ? `${label.slice(0, chars - 1)}…` : label;

/** One bin of the heat map, as @visx/heatmap takes it (a column holds its rows' bins). */
export interface Bin {
  row: number;
  column: number;
  count: number;
  /** The diagonal of co-occurrence: a code with itself, not a pair. */
  blank: boolean;
}
export interface BinColumn {
  column: number;
  bins: Bin[];
}

/** The rows and columns of a heat map that are drawn, each range from its first to past its last. */
export interface CellWindow {
  rows: [from: number, to: number];
  columns: [from: number, to: number];
}

/** Every row and column: the whole chart, as a saved file draws it. */
export const wholeWindow = (layout: Pick<HeatmapLayout, 'rows' | 'data'>): CellWindow => ({
  rows: [0, layout.rows],
  columns: [0, layout.data.length],
});

export interface HeatmapLayout {
  width: number;
  height: number;
  left: number;
  top: number;
  rows: number;
  rowLabels: string[];
  columnLabels: string[];
  /** Columns for @visx/heatmap's HeatmapRect, and its scales (index → pixel, count → colour). */
  data: BinColumn[];
  xScale: (column: number) => number;
  yScale: (row: number) => number;
  colorScale: (count: number | { valueOf(): number }) => string;
  /** Whether counts are written in the cells. */
  labelled: boolean;
  /** The count's ink on a cell of this count: light on the darker end of the scale. */
  ink: (count: number) => string;
}

/**
 * How a table becomes a heat map: which rows are drawn, label room, the bins, and scales from
 * @visx/scale for positions and colours. Counts map onto the theme's scale from 1 to the table's
 * max (0 is drawn as empty); apart columns (undated, no code) stand after a gap on the same
 * scale, clamped. Pure, so the benchmark can time the page's share of the work.
 */
export function heatmapLayout(table: AnalysisTable, theme: ChartTheme): HeatmapLayout {
  const rows = Math.min(
    table.rows.length,
    Math.max(1, Math.floor(MAX_DRAWN_CELLS / Math.max(1, table.columns.length))),
  );
  const rowLabels = table.rows.slice(0, rows).map((r) => shorten(r.label, ROW_LABEL_CHARS));
  const columnLabels = table.columns.map((c) => shorten(c.label, COLUMN_LABEL_CHARS));
  const longestRow = Math.max(4, ...rowLabels.map((l) => l.length));
  const longestColumn = Math.max(4, ...columnLabels.map((l) => l.length));
  const left = Math.min(240, 12 + longestRow * 7);
  const top = Math.min(130, 20 + longestColumn * 4.8);
  // Apart columns come last; they stand one gap to the right of the others.
  const firstApart = table.columns.findIndex((c) => c.apart);
  const gap = (c: number) => (firstApart > 0 && c >= firstApart ? 10 : 0);
  const xBand = scaleBand<number>({
    domain: table.columns.map((_, i) => i),
    range: [0, table.columns.length * CELL_WIDTH],
  });
  const yBand = scaleBand<number>({
    domain: Array.from({ length: rows }, (_, i) => i),
    range: [0, rows * CELL_HEIGHT],
  });
  // From 0, so a lone 1 in a table whose largest count is 1 is the strongest colour.
  const color = scaleLinear<string>({
    domain: [0, Math.max(1, table.max)],
    range: [theme.low, theme.high],
    clamp: true,
  });
  const data: BinColumn[] = table.columns.map((_, c) => ({
    column: c,
    bins: Array.from({ length: rows }, (_, r) => ({
      row: r,
      column: c,
      count: table.cells[r]![c]!,
      blank: table.diagonal === 'empty' && r === c,
    })),
  }));
  const strong = Math.max(1, table.max) * 0.6;
  return {
    // Column labels lean right by about 5 px a character: room for the last one.
    width:
      left + table.columns.length * CELL_WIDTH + gap(table.columns.length) + 12 + longestColumn * 5,
    height: top + rows * CELL_HEIGHT + 12,
    left,
    top,
    rows,
    rowLabels,
    columnLabels,
    data,
    xScale: (c) => (xBand(c) ?? 0) + gap(c),
    yScale: (r) => yBand(r) ?? 0,
    colorScale: (count) => (Number(count) === 0 ? theme.empty : color(Number(count))),
    labelled: rows * table.columns.length <= MAX_LABELLED_CELLS,
    ink: (count) => (count >= strong ? theme.onHigh : theme.onLow),
  };
}
