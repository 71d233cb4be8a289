import '../styles/analysis.css';
import { useDeferredValue, useMemo, useRef } from 'react';
import { CHARTS } from '../../../shared/analysis/charts.ts';
import type { AnalysisTable } from '../../../shared/analysis/types.ts';
import { plural } from '../../../shared/format.ts';
import { useApp } from '../app-services.ts';
import { PanelTabs } from '../ui/PanelTabs.tsx';
import { CellQuoteList } from './CellQuoteList.tsx';
import { CountTable } from './CountTable.tsx';
import { useChartTheme } from './chart-theme.ts';
import { pictureFile } from './export-picture.ts';
import { FilterBar } from './FilterBar.tsx';
import { type CellAt, HeatmapChart, wholeHeatmap } from './HeatmapChart.tsx';
import { PairList } from './PairList.tsx';
import { TimelineChart } from './TimelineChart.tsx';
import { CHART_TITLES, useAnalysis } from './use-analysis.ts';

const NOTHING: Record<AnalysisTable['chart'], string> = {
  matrix: 'Nothing to draw for these filters: no quote here carries a code.',
  cooccurrence: 'Nothing to draw for these filters: no two codes are found together here.',
  speakers:
    'Nothing to draw for these filters: no quote here has a speaker. Accept quotes with the quote finder (Ctrl+Shift+A in the Reader) to credit speakers.',
  timeline: 'Nothing to draw for these filters: no quote here carries a code.',
};

const TABS = CHARTS.map((id) => ({ id, label: CHART_TITLES[id] }));

/** The chosen cell as positions in the table (what the pictures and the table highlight). */
function selectedAt(table: AnalysisTable, ids: { rowId: string; columnId: string } | null) {
  if (!ids) return null;
  const row = table.rows.findIndex((r) => r.id === ids.rowId);
  const column = table.columns.findIndex((c) => c.id === ids.columnId);
  return row < 0 || column < 0 ? null : { row, column };
}

/**
 * The Analysis view (Ctrl/Cmd+6): the coding as pictures, each cell a way into its quotes. The
 * core counts (the page never holds the quotes); this view draws the chart, its table and the
 * chosen cell's quotes, and saves the picture or the table.
 */
export function AnalysisView() {
  const { openQuote, navigate, usage } = useApp();
  const a = useAnalysis();
  const theme = useChartTheme();
  const scroll = useRef<HTMLDivElement>(null);
  const coded = useMemo(() => Object.values(usage).some((u) => u.quotes > 0), [usage]);
  const { table } = a;
  // The table of numbers renders after the picture, in a render React may interrupt: at 400
  // documents it is thousands of cells, and the chart should not wait for them.
  const deferredTable = useDeferredValue(table);
  const selected = table ? selectedAt(table, a.cellIds) : null;
  const select = (cell: CellAt) => {
    if (!table) return;
    a.openCell({ rowId: table.rows[cell.row]!.id, columnId: table.columns[cell.column]!.id });
  };

  if (!coded) {
    return (
      <section className="analysis-view analysis-empty" aria-label="Analysis">
        <div className="empty-state reader-empty">
          <p className="empty-title">Nothing coded yet</p>
          <p>
            The Analysis view draws your coding: how often each tag occurs in each document, which
            tags go together, who is quoted on which theme, and how themes change over time. Tag a
            few highlights in the Reader (or accept quotes with the quote finder) and come back.
          </p>
          <p>
            <button type="button" className="primary" onClick={() => navigate('reader')}>
              Go to the Reader
            </button>
          </p>
        </div>
      </section>
    );
  }

  const chartProps = table && {
    table,
    theme,
    title: a.title,
    selected,
    onSelect: select,
    scrollRef: scroll,
  };
  // The file holds the whole chart, drawn apart when saving (the heat map shows only its view).
  const draw =
    chartProps &&
    (() =>
      pictureFile(
        chartProps.table.chart === 'timeline' ? (
          <TimelineChart {...chartProps} />
        ) : (
          wholeHeatmap(chartProps)
        ),
      ));
  const empty = table && (table.rows.length === 0 || table.columns.length === 0);
  return (
    <section className="analysis-view" aria-label="Analysis">
      <header className="analysis-header">
        <h1>Analysis</h1>
        <PanelTabs
          label="Chart"
          tabs={TABS}
          current={a.settings.chart}
          onChange={(chart) => a.change({ chart })}
        />
      </header>
      <FilterBar
        settings={a.settings}
        change={a.change}
        documents={a.documents}
        collections={a.collections}
        codes={a.codes}
        speakers={a.speakers}
      />
      <div className="analysis-body">
        <div className="analysis-main">
          <div className="analysis-chart-head">
            <h2>{a.title}</h2>
            {table && (
              <span className="analysis-count">{plural(table.quotes, 'quote')} in the filter</span>
            )}
            {/* biome-ignore lint/a11y/useSemanticElements: a toolbar's buttons, not form fields. */}
            <div className="analysis-exports" role="group" aria-label="Save the chart">
              <button
                type="button"
                disabled={!table || !!empty}
                onClick={() => void a.save('svg', draw)}
              >
                Save SVG
              </button>
              <button
                type="button"
                disabled={!table || !!empty}
                onClick={() => void a.save('png', draw)}
              >
                Save PNG
              </button>
              <button type="button" disabled={!table} onClick={() => void a.save('csv', null)}>
                Save table as CSV
              </button>
            </div>
          </div>
          {!table && <p className="analysis-note">Counting…</p>}
          {chartProps && empty && (
            <p className="analysis-note analysis-nothing">{NOTHING[table.chart]}</p>
          )}
          {chartProps && !empty && (
            <figure className="analysis-figure">
              <div className="analysis-picture" ref={scroll}>
                {table.chart === 'timeline' ? (
                  <TimelineChart {...chartProps} />
                ) : (
                  <HeatmapChart {...chartProps} />
                )}
              </div>
              <figcaption>
                {table.notes.map((note) => (
                  <span key={note}>{note} </span>
                ))}
              </figcaption>
            </figure>
          )}
          {table?.chart === 'cooccurrence' && (
            <PairList table={table} onOpen={(rowId, columnId) => a.openCell({ rowId, columnId })} />
          )}
          {deferredTable && deferredTable === table && !empty && (
            <CountTable
              table={deferredTable}
              caption={`${a.title}: ${table.unit} per ${table.rowHeading.toLowerCase()} and ${table.columnHeading.toLowerCase()}`}
              selected={selected}
              onSelect={select}
            />
          )}
        </div>
        {a.cell && table && (
          <aside className="analysis-side" aria-label="Quotes in the chosen cell">
            <CellQuoteList
              cell={a.cell}
              unit={table.unit}
              onOpen={openQuote}
              onClose={() => a.openCell(null)}
            />
          </aside>
        )}
      </div>
    </section>
  );
}
