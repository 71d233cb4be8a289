import type { AnalysisTable } from '../../../shared/analysis/types.ts';
import type { CellAt } from './HeatmapChart.tsx';

/** The table shows at most this many cells; the CSV has every one. */
export const MAX_TABLE_CELLS = 4000;

/**
 * The chart's numbers as a table, in the page for screen readers and keyboards: every count
 * above 0 is a button that lists its quotes, as a click on the picture does.
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
  const rows = Math.min(
    table.rows.length,
    Math.max(1, Math.floor(MAX_TABLE_CELLS / Math.max(1, table.columns.length))),
  );
  return (
    <div className="analysis-table-wrap">
      <table className="analysis-table">
        <caption>
          {caption}
          {rows < table.rows.length &&
            ` — the first ${rows} of ${table.rows.length} rows; the CSV has them all`}
        </caption>
        <thead>
          <tr>
            <th scope="col">{table.rowHeading}</th>
            {table.columns.map((c) => (
              <th key={c.id} scope="col" className={c.apart ? 'apart' : undefined}>
                {c.label}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.slice(0, rows).map((row, r) => (
            <tr key={row.id}>
              <th scope="row">{row.label}</th>
              {table.cells[r]!.map((count, c) => {
                const column = table.columns[c]!;
                if (table.diagonal === 'empty' && r === c)
                  return (
                    <td key={column.id} className="blank">
                      <span aria-hidden="true">—</span>
                      <span className="visually-hidden">not a pair</span>
                    </td>
                  );
                const isSelected = selected?.row === r && selected.column === c;
                return (
                  <td key={column.id}>
                    {count > 0 ? (
                      <button
                        type="button"
                        data-row={row.id}
                        data-column={column.id}
                        aria-pressed={isSelected}
                        onClick={() => onSelect({ row: r, column: c })}
                      >
                        {count}
                      </button>
                    ) : (
                      <span className="zero">0</span>
                    )}
                  </td>
                );
              })}
              <td className="total">{table.rowTotals[r]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
