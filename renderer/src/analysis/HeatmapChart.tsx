import { Group } from '@visx/group';
import { HeatmapRect } from '@visx/heatmap';
import { Fragment, type MouseEvent, type Ref, useMemo } from 'react';
import type { AnalysisTable } from '../../../shared/analysis/types.ts';
import {
  type Bin,
  type BinColumn,
  CELL_HEIGHT,
  CELL_WIDTH,
  heatmapLayout,
} from './chart-layout.ts';
import type { ChartTheme } from './chart-theme.ts';

const GAP = 2;

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
  svgRef: Ref<SVGSVGElement>;
}

/**
 * A table as a heat map (code × document, co-occurrence, speaker × code), drawn by
 * @visx/heatmap over @visx/scale scales. Every colour is an attribute, so the element is the
 * SVG file. A cell is a way into its quotes by pointer; by keyboard the table below is (the
 * picture is one image to a screen reader, the numbers are in the table).
 */
export function HeatmapChart({ table, theme, title, selected, onSelect, svgRef }: ChartProps) {
  const layout = useMemo(() => heatmapLayout(table, theme), [table, theme]);
  const { left, top } = layout;
  // The cells depend on the table alone: choosing a cell redraws one outline, not 10,000 rects,
  // and one listener on the group (reading the cell's position back) stands for all of them.
  const cells = useMemo(
    () => (
      <HeatmapRect<BinColumn, Bin>
        data={layout.data}
        xScale={layout.xScale}
        yScale={layout.yScale}
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
    [layout, table, theme],
  );
  const onClick = (event: MouseEvent<SVGGElement>) => {
    const target = event.target as Element;
    const row = target.getAttribute('data-r');
    const column = target.getAttribute('data-c');
    if (row !== null && column !== null) onSelect({ row: Number(row), column: Number(column) });
  };
  return (
    <svg
      ref={svgRef}
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
        {layout.columnLabels.map((label, c) => {
          const x = layout.xScale(c) + CELL_WIDTH / 2;
          const apart = table.columns[c]?.apart;
          return (
            <text
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions.
              key={c}
              transform={`translate(${x}, 0) rotate(-40)`}
              fontSize={11}
              fill={apart ? theme.muted : theme.text}
              fontStyle={apart ? 'italic' : undefined}
            >
              {label}
            </text>
          );
        })}
      </Group>
      <Group left={left - 8} top={top}>
        {layout.rowLabels.map((label, r) => (
          <text
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions.
            key={r}
            x={0}
            y={layout.yScale(r) + CELL_HEIGHT / 2}
            dy="0.35em"
            fontSize={11.5}
            fill={theme.text}
            textAnchor="end"
          >
            {label}
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
