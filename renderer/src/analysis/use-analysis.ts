import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AnalysisQueryInput, ChartKind } from '../../../shared/analysis/query.ts';
import { isFinderTag } from '../../../shared/analysis/quote-index.ts';
import type { AnalysisTable, CellQuotes } from '../../../shared/analysis/types.ts';
import { speakerOfTag } from '../../../shared/quotes/speaker-tags.ts';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import { useLiveValue } from '../use-live-list.ts';
import { type PictureFile, pngBase64 } from './export-picture.ts';

export const CHART_TITLES: Record<ChartKind, string> = {
  matrix: 'Code × document',
  cooccurrence: 'Co-occurrence',
  speakers: 'Speaker × code',
  timeline: 'Codes over time',
};

export interface AnalysisSettings {
  chart: ChartKind;
  documentId: string;
  /** Only this collection's documents ('' for all). */
  collectionId: string;
  /** The matrix's columns: one per document, or one per collection. */
  columns: 'documents' | 'collections';
  tagId: string;
  speakerId: string;
  level: 'top' | 'all';
  scope: 'quote' | 'overlap';
  bucket: 'year' | 'month';
}

/** Whether a table still has a cell (for co-occurrence, also a pair beyond the matrix). */
function hasCell(table: AnalysisTable, ids: { rowId: string; columnId: string }): boolean {
  const inRows = table.rows.some((r) => r.id === ids.rowId);
  const inColumns = table.columns.some((c) => c.id === ids.columnId);
  if (inRows && inColumns) return true;
  return (table.pairs ?? []).some(
    (p) =>
      (p.a.id === ids.rowId && p.b.id === ids.columnId) ||
      (p.b.id === ids.rowId && p.a.id === ids.columnId),
  );
}

/** Kept while the app runs: coming back to the view finds the same chart and filters. */
let memory: AnalysisSettings = {
  chart: 'matrix',
  documentId: '',
  collectionId: '',
  columns: 'documents',
  tagId: '',
  speakerId: '',
  level: 'top',
  scope: 'quote',
  bucket: 'year',
};

/**
 * The Analysis view's state: the chart and its filters, the table the core computed for them
 * (again whenever quotes, tags or documents change), the chosen cell and its quotes, and saving.
 * Filters naming something deleted since are dropped rather than sent.
 */
export function useAnalysis() {
  const { onError, notify, tags, documents, collections: collectionsApi } = useApp();
  const collections = collectionsApi.list;
  const [settings, setSettings] = useState(memory);
  useEffect(() => {
    memory = settings;
  }, [settings]);
  const change = useCallback(
    (patch: Partial<AnalysisSettings>) => setSettings((s) => ({ ...s, ...patch })),
    [],
  );

  const codes = useMemo(() => tags.filter((t) => !isFinderTag(t)), [tags]);
  const speakers = useMemo(() => tags.filter((t) => speakerOfTag(t) !== null), [tags]);

  const query = useMemo<AnalysisQueryInput>(() => {
    const s = settings;
    // A collection is sent as its documents; with a document chosen too, that document if it
    // is in the collection (else nothing).
    const collection = collections.find((c) => c.id === s.collectionId);
    const document = documents.some((d) => d.id === s.documentId) ? s.documentId : null;
    const documentIds = collection
      ? collection.documentIds.filter((id) => document === null || id === document)
      : document
        ? [document]
        : null;
    const filter = {
      ...(documentIds ? { documentIds } : {}),
      ...(codes.some((t) => t.id === s.tagId) ? { tagIds: [s.tagId] } : {}),
      ...(speakers.some((t) => t.id === s.speakerId) ? { speakerIds: [s.speakerId] } : {}),
    };
    if (s.chart === 'cooccurrence')
      return { chart: s.chart, filter, level: s.level, scope: s.scope };
    if (s.chart === 'timeline') return { chart: s.chart, filter, level: s.level, bucket: s.bucket };
    if (s.columns === 'collections' && collections.length > 0) {
      const groups = collections.map((c) => ({
        id: c.id,
        label: c.name,
        documentIds: c.documentIds,
      }));
      return { chart: s.chart, filter, level: s.level, groups };
    }
    return { chart: s.chart, filter, level: s.level };
  }, [settings, documents, codes, speakers, collections]);

  const load = useCallback(() => call('analyzeNotebook', query), [query]);
  const [table] = useLiveValue<AnalysisTable | null>(
    load,
    null,
    ['annotations', 'tags', 'documents'],
    onError,
  );
  // The table answers the query it was asked (a stale one is not drawn as the new chart's).
  const current = table?.chart === settings.chart ? table : null;

  const [cellIds, setCellIds] = useState<{ rowId: string; columnId: string } | null>(null);
  const [cell, setCell] = useState<CellQuotes | null>(null);
  // A new query closes the cell: its ids may mean nothing in the new chart.
  const [askedFor, setAskedFor] = useState(query);
  if (askedFor !== query) {
    setAskedFor(query);
    setCellIds(null);
  }
  // Listed again whenever the table is (the notebook changed); closed when the cell is gone.
  useEffect(() => {
    if (!cellIds || !current) {
      setCell(null);
      return;
    }
    if (!hasCell(current, cellIds)) {
      setCellIds(null);
      return;
    }
    let live = true;
    call('analysisCellQuotes', { query, ...cellIds, limit: 50 }).then(
      (found) => live && setCell(found),
      (error: unknown) => {
        if (!live) return;
        setCellIds(null);
        onError(error);
      },
    );
    return () => {
      live = false;
    };
  }, [cellIds, query, current, onError]);

  const title = CHART_TITLES[settings.chart];
  const saved = useCallback(
    (result: { status: 'saved'; path: string } | { status: 'cancelled' }) => {
      if (result.status === 'saved') notify({ tone: 'info', message: `Saved ${result.path}.` });
    },
    [notify],
  );
  /** Saves the table as CSV, or the picture `draw` makes (drawn whole, only when saving). */
  const save = useCallback(
    async (format: 'svg' | 'png' | 'csv', draw: (() => PictureFile) | null) => {
      try {
        if (format === 'csv') saved(await call('saveAnalysisFile', { format, name: title, query }));
        else if (!draw) return;
        else if (format === 'svg')
          saved(await call('saveAnalysisFile', { format, name: title, text: draw().text }));
        else
          saved(
            await call('saveAnalysisFile', { format, name: title, data: await pngBase64(draw()) }),
          );
      } catch (error) {
        onError(error);
      }
    },
    [query, title, saved, onError],
  );

  return {
    settings,
    change,
    title,
    codes,
    speakers,
    documents,
    collections,
    table: current,
    loading: current === null,
    cellIds,
    openCell: setCellIds,
    cell: cellIds ? cell : null,
    save,
  };
}
