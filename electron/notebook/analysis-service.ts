import { extname } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { analyze, cellQuotes } from '../../shared/analysis/analyze.ts';
import type { AnalysisFilter, AnalysisQuery } from '../../shared/analysis/query.ts';
import { type AnalysisIndex, buildIndex, indexSteps } from '../../shared/analysis/quote-index.ts';
import { tableCsv } from '../../shared/analysis/table-csv.ts';
import { quoteText } from '../../shared/annotations.ts';
import type { NotebookHandlers } from '../../shared/contract.ts';
import type { Annotation } from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';
import { checkExportTarget, writeExportFile } from './export-file.ts';
import type { NotebookHost } from './host.ts';
import type { Store } from './store.ts';

type AnalysisHandlers = Pick<
  NotebookHandlers,
  'analyzeNotebook' | 'analysisCellQuotes' | 'saveAnalysisFile'
>;

/** The first bytes of every PNG file. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const FILE_KINDS = {
  svg: { label: 'SVG picture', extension: 'svg' },
  png: { label: 'PNG picture', extension: 'png' },
  csv: { label: 'CSV table', extension: 'csv' },
} as const;

/**
 * The Analysis view's numbers: the charts are counted here, where the quotes are, so the page
 * receives a table of counts rather than 100,000 quotes. The prepared index (each quote reduced
 * to its code and speaker ids) is built once per store revision and shared by every chart, cell
 * and export until the notebook changes.
 */
export function createAnalysisService(
  store: Store,
  options: { host: Pick<NotebookHost, 'chooseSavePath'> },
) {
  let cached: { revision: number; index: AnalysisIndex } | null = null;
  const index = (): AnalysisIndex => {
    if (cached?.revision !== store.revision)
      cached = { revision: store.revision, index: buildIndex(store.data, cached?.index) };
    return cached.index;
  };

  /**
   * Build the index in steps of 5,000 quotes, a turn of the event loop apart, so the first chart
   * does not pay for it (at 100,000 quotes the build is most of the first chart's time) and the
   * core keeps answering meanwhile. Given up when the notebook changes under it or a chart asks
   * first (which then builds at once).
   */
  let warming = false;
  async function warmInBackground(): Promise<void> {
    if (warming || cached?.revision === store.revision) return;
    warming = true;
    try {
      const revision = store.revision;
      const steps = indexSteps(store.data, cached?.index);
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) {
          if (store.revision === revision && cached?.revision !== revision)
            cached = { revision, index: step.value };
          return;
        }
        await nextTurn();
        if (store.revision !== revision || cached?.revision === revision) return;
      }
    } finally {
      warming = false;
    }
  }

  /** A filter naming a document, tag or speaker that is not there is a mistake worth saying. */
  function checkFilter(ix: AnalysisIndex, filter: AnalysisFilter) {
    const missing =
      filter.documentIds?.find((id) => !ix.documents.has(id)) ??
      filter.tagIds?.find((id) => !ix.tagsById.has(id)) ??
      filter.speakerIds?.find((id) => !ix.speakers.some((s) => s.id === id));
    if (missing !== undefined)
      throw new NotebookError(
        'not-found',
        `The filter names ${missing}, which is not a document, tag or speaker in this notebook.`,
      );
  }

  const run = (query: AnalysisQuery) => {
    const ix = index();
    checkFilter(ix, query.filter);
    return analyze(ix, query);
  };

  const annotationsById = () => {
    const map = new Map<string, Annotation>();
    for (const a of store.data.annotations) map.set(a.id, a);
    return map;
  };

  const handlers: AnalysisHandlers = {
    analyzeNotebook: run,

    analysisCellQuotes({ query, rowId, columnId, limit }) {
      const ix = index();
      checkFilter(ix, query.filter);
      let records: Map<string, Annotation> | null = null;
      return cellQuotes(ix, query, rowId, columnId, limit, (q) => {
        records ??= annotationsById();
        const a = records.get(q.id);
        return { exact: a ? quoteText(a) : '', tagIds: a?.tagIds ?? [] };
      });
    },

    async saveAnalysisFile(input) {
      let bytes: string | Uint8Array;
      if (input.format === 'svg') bytes = input.text;
      else if (input.format === 'csv') bytes = tableCsv(run(input.query));
      else {
        const png = Buffer.from(input.data, 'base64');
        if (!PNG_SIGNATURE.every((b, i) => png[i] === b))
          throw new NotebookError('invalid-input', 'The picture to save is not a PNG image.');
        bytes = png;
      }
      const kind = FILE_KINDS[input.format];
      const chosen = await options.host.chooseSavePath({
        title: `Save ${kind.label}`,
        defaultName: `${input.name}.${kind.extension}`,
        filters: [{ name: kind.label, extensions: [kind.extension] }],
      });
      if (!chosen) return { status: 'cancelled' };
      // A name typed without the ending still gets it, so the file opens in the right program.
      const path =
        extname(chosen).toLowerCase() === `.${kind.extension}`
          ? chosen
          : `${chosen}.${kind.extension}`;
      await checkExportTarget(path, store.dataDir);
      let written: number | null;
      try {
        written = await writeExportFile(path, [bytes], () => false);
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new NotebookError('internal', `Could not write ${path} (${reason}).`);
      }
      return { status: 'saved', path, bytes: written ?? 0 };
    },
  };
  return { handlers, index, warmInBackground };
}
