import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleLinear, scalePoint } from '@visx/scale';
import { LinePath } from '@visx/shape';
import { useMemo } from 'react';
import { shorten } from './chart-layout.ts';
import type { ChartProps } from './HeatmapChart.tsx';

/** Lines for the codes with the most quotes; the table below holds every code. */
export const TIMELINE_SERIES = 8;
const HEIGHT = 300;
const MARGIN = { top: 16, right: 180, bottom: 56, left: 48 };

/**
 * Codes over time: one line per code (the most quoted ones) across the periods, drawn with
 * @visx/shape over @visx/scale, with @visx/axis axes. The undated column is not on the axis:
 * the notes under the chart say how many quotes it holds.
 */
export function TimelineChart({ table, theme, title, selected, onSelect }: ChartProps) {
  const periods = useMemo(
    () => table.columns.map((c, i) => ({ ...c, i })).filter((c) => !c.apart),
    [table],
  );
  const series = useMemo(
    () =>
      table.rows
        .map((row, r) => ({ row, r, total: table.rowTotals[r]! }))
        .sort((a, b) => b.total - a.total)
        .slice(0, TIMELINE_SERIES),
    [table],
  );
  const innerWidth = Math.max(320, periods.length * 26);
  const width = MARGIN.left + innerWidth + MARGIN.right;
  const height = HEIGHT + MARGIN.top + MARGIN.bottom;
  const x = scalePoint<string>({
    domain: periods.map((p) => p.id),
    range: [0, innerWidth],
    padding: 0.5,
  });
  const y = scaleLinear<number>({
    domain: [0, Math.max(1, table.max)],
    range: [HEIGHT, 0],
    nice: true,
  });
  const every = Math.max(1, Math.ceil(periods.length / 24));
  const axisLabel = { fill: theme.text, fontSize: 11, fontFamily: theme.font };
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${title}: quotes per code by ${table.columnHeading.toLowerCase()}, ${series.length} codes drawn. The numbers are in the table below.`}
      fontFamily={theme.font}
      className="analysis-svg"
    >
      <rect width={width} height={height} fill={theme.background} />
      <Group left={MARGIN.left} top={MARGIN.top}>
        {y.ticks(5).map((t) => (
          <line key={t} x1={0} x2={innerWidth} y1={y(t)} y2={y(t)} stroke={theme.grid} />
        ))}
        <AxisLeft
          scale={y}
          numTicks={5}
          stroke={theme.muted}
          tickStroke={theme.muted}
          tickFormat={(v) => String(v)}
          tickLabelProps={() => ({ ...axisLabel, textAnchor: 'end', dx: -4, dy: '0.33em' })}
        />
        <AxisBottom
          top={HEIGHT}
          scale={x}
          stroke={theme.muted}
          tickStroke={theme.muted}
          tickValues={periods.filter((_, i) => i % every === 0).map((p) => p.id)}
          tickLabelProps={() => ({ ...axisLabel, textAnchor: 'end', angle: -40, dy: '0.25em' })}
        />
        {series.map(({ row, r }, k) => {
          const color = theme.series[k % theme.series.length]!;
          return (
            <g key={row.id}>
              <LinePath
                data={periods}
                x={(p) => x(p.id) ?? 0}
                y={(p) => y(table.cells[r]![p.i]!)}
                stroke={color}
                strokeWidth={2}
                fill="none"
              />
              {periods.map((p) => {
                const count = table.cells[r]![p.i]!;
                const isSelected = selected?.row === r && selected.column === p.i;
                return (
                  // biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut; the table below is the keyboard's way to the same cell.
                  <circle
                    key={p.id}
                    className="analysis-cell"
                    data-row={row.id}
                    data-column={p.id}
                    data-count={count}
                    cx={x(p.id) ?? 0}
                    cy={y(count)}
                    r={isSelected ? 6 : 4}
                    fill={color}
                    stroke={isSelected ? theme.selected : theme.background}
                    strokeWidth={isSelected ? 2.5 : 1.5}
                    onClick={() => onSelect({ row: r, column: p.i })}
                  />
                );
              })}
            </g>
          );
        })}
        <Group left={innerWidth + 16}>
          {series.map(({ row }, k) => (
            <g key={row.id} transform={`translate(0, ${k * 20})`}>
              <rect width={12} height={12} rx={2} fill={theme.series[k % theme.series.length]} />
              <text x={18} y={10} fontSize={11.5} fill={theme.text}>
                {shorten(row.label, 22)}
              </text>
            </g>
          ))}
        </Group>
      </Group>
    </svg>
  );
}
