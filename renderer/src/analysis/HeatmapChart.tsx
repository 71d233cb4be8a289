import { Group } from '@visx/group';
import { HeatmapRect } from '@visx/heatmap';
import { Fragment, type Ref, useMemo } from 'react';
import type { AnalysisTable } from '../../../shared/analysis/types.ts';
import {
  type Bin,
  type BinColumn,
  CELL_HEIGHT,
  CELL_WIDTH,
  heatmapLayout,
} from './chart-layout.ts';
import type { ChartTheme } from './chart-theme.ts';

export interface CellAt {
  row: number;
  column: number;
}

/**
 * A table as a heat map (code × document, co-occurrence, speaker × code), drawn by
 * @visx/heatmap over @visx/scale scales. Every colour is an attribute, so the element is the
 * SVG file. A cell is a way into its quotes by pointer; by keyboard the table below is (the
 * picture is one image to a screen reader, the numbers are in the table).
 */
export function HeatmapChart({
  table,
  theme,
  title,
  selected,
  onSelect,
  svgRef,
}: {
  table: AnalysisTable;
  theme: ChartTheme;
  title: string;
  selected: CellAt | null;
  onSelect: (cell: CellAt) => void;
  svgRef: Ref<SVGSVGElement>;
}) {
  const layout = useMemo(() => heatmapLayout(table, theme), [table, theme]);
  const { left, top } = layout;
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
      <Group left={left} top={top}>
        <HeatmapRect<BinColumn, Bin>
          data={layout.data}
          xScale={layout.xScale}
          yScale={layout.yScale}
          colorScale={layout.colorScale}
          binWidth={CELL_WIDTH}
          binHeight={CELL_HEIGHT}
          gap={2}
          count={(bin) => bin.count}
        >
          {(columns) =>
            columns.flat().map((cell) => {
              const { bin } = cell;
              const isSelected = selected?.row === bin.row && selected.column === bin.column;
              return (
                <Fragment key={`${bin.row}-${bin.column}`}>
                  {/* biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut; the table below is the keyboard's way to the same cell. */}
                  <rect
                    className={bin.blank ? undefined : 'analysis-cell'}
                    data-row={table.rows[bin.row]?.id}
                    data-column={table.columns[bin.column]?.id}
                    data-count={bin.blank ? undefined : bin.count}
                    onClick={
                      bin.blank ? undefined : () => onSelect({ row: bin.row, column: bin.column })
                    }
                    x={cell.x}
                    y={cell.y}
                    width={cell.width}
                    height={cell.height}
                    rx={3}
                    fill={bin.blank ? theme.grid : cell.color}
                    stroke={isSelected ? theme.selected : 'none'}
                    strokeWidth={isSelected ? 2.5 : 0}
                  />
                  {layout.labelled && !bin.blank && bin.count > 0 && (
                    <text
                      x={cell.x + cell.width / 2}
                      y={cell.y + cell.height / 2}
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
              );
            })
          }
        </HeatmapRect>
      </Group>
    </svg>
  );
}
