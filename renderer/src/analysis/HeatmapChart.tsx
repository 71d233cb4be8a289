import { useVirtualizer } from '@tanstack/react-virtual';
import { Group } from '@visx/group';
import { HeatmapRect } from '@visx/heatmap';
import { Fragment, type MouseEvent, type RefObject, useMemo } from 'react';
import type { AnalysisTable } from '../../../shared/analysis/types.ts';
import {
  type Bin,
  type BinColumn,
  CELL_HEIGHT,
  CELL_WIDTH,
  type CellWindow,
  type HeatmapLayout,
  heatmapLayout,
  wholeWindow,
} from './chart-layout.ts';
import type { ChartTheme } from './chart-theme.ts';

const GAP = 2;
/** Rows and columns drawn beyond those in view, so a scroll shows cells already there. */
const OVERSCAN = 4;

export interface CellAt {
  row: number;
  column: number;
}

/** What every chart picture takes: its table, colours, name, the chosen cell, and its SVG. */
export interface ChartProps {
  table: AnalysisTable;
  theme: ChartTheme;
  title: string;
  selected: CellAt | null;
  onSelect: (cell: CellAt) => void;
  /** The box the picture scrolls in: the heat map draws only the cells in and near its view. */
  scrollRef: RefObject<HTMLElement | null>;
}

type PictureProps = Omit<ChartProps, 'scrollRef' | 'onSelect'> & {
  layout: HeatmapLayout;
  /** The rows and columns drawn; the SVG keeps the whole chart's size either way. */
  drawn: CellWindow;
  onSelect?: (cell: CellAt) => void;
};

/**
 * A table as a heat map (code × document, co-occurrence, speaker × code), drawn by
 * @visx/heatmap over @visx/scale scales, only the cells in and near the scroller's view: at 400
 * documents a chart has 10,000 cells, and creating them all was most of the time before it
 * showed. A cell is a way into its quotes by pointer; by keyboard the table below is (the picture
 * is one image to a screen reader, the numbers are in the table). Saving draws the whole chart
 * apart (`HeatmapPicture` with `wholeWindow`).
 */
export function HeatmapChart({ scrollRef, ...props }: ChartProps) {
  const { table, theme } = props;
  const layout = useMemo(() => heatmapLayout(table, theme), [table, theme]);
  const rows = useVirtualizer({
    count: layout.rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CELL_HEIGHT,
    scrollMargin: layout.top,
    overscan: OVERSCAN,
    initialRect: { width: 1200, height: 600 },
  });
  const columns = useVirtualizer({
    horizontal: true,
    count: table.columns.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (c) =>
      c + 1 < table.columns.length ? layout.xScale(c + 1) - layout.xScale(c) : CELL_WIDTH,
    scrollMargin: layout.left,
    overscan: OVERSCAN,
    initialRect: { width: 1200, height: 600 },
  });
  const drawn = useCellWindow(
    rows.getVirtualItems().map((i) => i.index),
    columns.getVirtualItems().map((i) => i.index),
  );
  return <HeatmapPicture {...props} layout={layout} drawn={drawn} />;
}

/** The drawn rows and columns as a stable value, so the cells are drawn again only on a change. */
function useCellWindow(rows: number[], columns: number[]): CellWindow {
  const r0 = rows[0] ?? 0;
  const r1 = rows.length > 0 ? rows[rows.length - 1]! + 1 : 0;
  const c0 = columns[0] ?? 0;
  const c1 = columns.length > 0 ? columns[columns.length - 1]! + 1 : 0;
  return useMemo(() => ({ rows: [r0, r1], columns: [c0, c1] }), [r0, r1, c0, c1]);
}

/** The heat map's SVG with the cells and labels of `drawn` (every one for a file). */
export function HeatmapPicture({
  table,
  theme,
  title,
  selected,
  onSelect,
  layout,
  drawn,
}: PictureProps) {
  const { left, top } = layout;
  const [r0, r1] = drawn.rows;
  const [c0, c1] = drawn.columns;
  // The cells depend on the table and the window alone: choosing a cell redraws one outline, and
  // one listener on the group (reading the cell's position back) stands for all of them.
  const cells = useMemo(
    () => (
      <HeatmapRect<BinColumn, Bin>
        data={layout.data.slice(c0, c1).map((col) => ({ ...col, bins: col.bins.slice(r0, r1) }))}
        xScale={(c) => layout.xScale(c0 + c)}
        yScale={(r) => layout.yScale(r0 + r)}
        colorScale={layout.colorScale}
        binWidth={CELL_WIDTH}
        binHeight={CELL_HEIGHT}
        gap={GAP}
        count={(bin) => bin.count}
      >
        {(columns) =>
          columns.flat().map(({ bin, x, y, width, height, color }) => (
            <Fragment key={`${bin.row}-${bin.column}`}>
              <rect
                className={bin.blank ? undefined : 'analysis-cell'}
                data-r={bin.blank ? undefined : bin.row}
                data-c={bin.blank ? undefined : bin.column}
                data-row={table.rows[bin.row]?.id}
                data-column={table.columns[bin.column]?.id}
                data-count={bin.blank ? undefined : bin.count}
                x={x}
                y={y}
                width={width}
                height={height}
                rx={3}
                fill={bin.blank ? theme.grid : color}
              />
              {layout.labelled && !bin.blank && bin.count > 0 && (
                <text
                  x={x + width / 2}
                  y={y + height / 2}
                  dy="0.35em"
                  textAnchor="middle"
                  fontSize={11}
                  fill={layout.ink(bin.count)}
                  pointerEvents="none"
                >
                  {bin.count}
                </text>
              )}
            </Fragment>
          ))
        }
      </HeatmapRect>
    ),
    [layout, table, theme, r0, r1, c0, c1],
  );
  const onClick = (event: MouseEvent<SVGGElement>) => {
    const target = event.target as Element;
    const row = target.getAttribute('data-r');
    const column = target.getAttribute('data-c');
    if (row !== null && column !== null) onSelect?.({ row: Number(row), column: Number(column) });
  };
  const span = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-label={`${title}: ${table.rows.length} ${table.rowHeading.toLowerCase()} rows by ${table.columns.length} ${table.columnHeading.toLowerCase()} columns. The numbers are in the table below.`}
      fontFamily={theme.font}
      className="analysis-svg"
    >
      <rect width={layout.width} height={layout.height} fill={theme.background} />
      <Group left={left} top={top - 6}>
        {span(c0, c1).map((c) => {
          const x = layout.xScale(c) + CELL_WIDTH / 2;
          const apart = table.columns[c]?.apart;
          return (
            <text
              key={c}
              transform={`translate(${x}, 0) rotate(-40)`}
              fontSize={11}
              fill={apart ? theme.muted : theme.text}
              fontStyle={apart ? 'italic' : undefined}
            >
              {layout.columnLabels[c]}
            </text>
          );
        })}
      </Group>
      <Group left={left - 8} top={top}>
        {span(r0, r1).map((r) => (
          <text
            key={r}
            x={0}
            y={layout.yScale(r) + CELL_HEIGHT / 2}
            dy="0.35em"
            fontSize={11.5}
            fill={theme.text}
            textAnchor="end"
          >
            {layout.rowLabels[r]}
          </text>
        ))}
      </Group>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut; the table below is the keyboard's way to the same cell. */}
      <g transform={`translate(${left}, ${top})`} onClick={onClick}>
        {cells}
        {selected && selected.row < layout.rows && (
          <rect
            x={layout.xScale(selected.column)}
            y={layout.yScale(selected.row) + GAP}
            width={CELL_WIDTH - GAP}
            height={CELL_HEIGHT - GAP}
            rx={3}
            fill="none"
            stroke={theme.selected}
            strokeWidth={2.5}
            pointerEvents="none"
          />
        )}
      </g>
    </svg>
  );
}

/** The whole heat map of a table, every cell and label: what a saved file holds. */
export function wholeHeatmap({
  table,
  theme,
  title,
  selected,
}: Pick<ChartProps, 'table' | 'theme' | 'title' | 'selected'>) {
  const layout = heatmapLayout(table, theme);
  return (
    <HeatmapPicture
      table={table}
      theme={theme}
      title={title}
      selected={selected}
      layout={layout}
      drawn={wholeWindow(layout)}
    />
  );
}
