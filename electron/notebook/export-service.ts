import { basename, join } from 'node:path';
import type { HighlightColor } from '../../shared/colors.ts';
import type { NotebookEvent, NotebookHandlers } from '../../shared/contract.ts';
import { defaultFileName, FORMAT_INFO, formatInfo } from '../../shared/export/format-info.ts';
import { EXPORTERS } from '../../shared/export/formats.ts';
import { obsidianVault } from '../../shared/export/obsidian/vault.ts';
import type { ExportResult } from '../../shared/export/result.ts';
import { selectForExport } from '../../shared/export/selection.ts';
import {
  type AnyExportFormat,
  DEFAULT_EXPORT_OPTIONS,
  type ExportFormat,
  type ExportOptions,
  type ExportScope,
  type ExportSelection,
  isFolderFormat,
  type ResolvedScope,
} from '../../shared/export/types.ts';
import { NotebookError } from '../../shared/result.ts';
import { APP_VERSION } from './app-version.ts';
import { buildBibliography } from './citations/bibliography.ts';
import { checkExportTarget, writeExportFile } from './export-file.ts';
import { checkExportFolder, readExportFolder, writeExportFolder } from './export-folder.ts';
import type { NotebookHost } from './host.ts';
import type { Store } from './store.ts';
import { filesDirIn, type KeptKind, readKeptFile } from './stored-files.ts';

type ExportHandlers = Pick<
  NotebookHandlers,
  'exportNotebook' | 'cancelExport' | 'showExportedFile'
>;

export interface ExportRequest {
  format: AnyExportFormat;
  scope: ExportScope;
  options?: Partial<ExportOptions>;
}

/** The most quotes and notes a "search results" export takes (the search's own limit). */
const SEARCH_EXPORT_LIMIT = 5000;

/**
 * Exports: pick what the scope covers, run the format's pure exporter, and write its pieces to
 * a file the user chose in the native Save dialog (or, from the command line, the path given).
 * Long exports report progress and can be cancelled; a cancelled or failed export leaves no file.
 */
export function createExportService(
  store: Store,
  options: {
    host: NotebookHost;
    emit: (event: NotebookEvent) => void;
    now: () => string;
    search: NotebookHandlers['search'];
    /** What the colours are called in this project (preferences), read at each export. */
    colorLabels?: () => Readonly<Record<HighlightColor, string>>;
    /** The coder from preferences, named as the author by formats that record one. */
    author?: () => { id: string; name: string };
    /** The app's resources (the citation styles citation-js lacks). */
    resourcesDir: string;
  },
) {
  const { host, emit, now } = options;
  const jobs = new Map<string, { cancelled: boolean }>();
  /**
   * Only files (and export folders) this notebook wrote may be shown in the file manager (paths
   * come from the page).
   */
  const written = new Set<string>();

  async function resolveScope(scope: ExportScope): Promise<ResolvedScope> {
    if (scope.kind !== 'search') return scope;
    const { hits } = await options.search({ query: scope.query, limit: SEARCH_EXPORT_LIMIT });
    return {
      kind: 'search',
      query: scope.query,
      annotationIds: hits.filter((h) => h.kind === 'quote').map((h) => h.id),
      noteIds: hits.filter((h) => h.kind === 'note').map((h) => h.id),
    };
  }

  async function select(request: ExportRequest): Promise<ExportSelection> {
    const picked = selectForExport(store.data, await resolveScope(request.scope), now());
    const selection: ExportSelection = {
      ...picked,
      colorLabels: options.colorLabels?.(),
      author: options.author?.(),
      appVersion: APP_VERSION,
      bibliography: bibliographyFor(request, picked.documents),
    };
    if (request.format === 'json') return { ...selection, files: await keptFilesOf(selection) };
    if (request.format !== 'html') return selection;
    // The report shows each area highlight's region as it was drawn (kept in files/).
    const images = new Map<string, string>();
    for (const a of selection.annotations) {
      const hash = 'area' in a.target ? a.target.area.image : undefined;
      if (!hash || images.has(hash)) continue;
      const bytes = await readKeptFile(filesDirIn(store.dataDir), hash, 'png').catch(() => null);
      if (bytes) images.set(hash, Buffer.from(bytes).toString('base64'));
    }
    return { ...selection, images };
  }

  /**
   * The citations the format needs, formatted here because citation-js runs in the core only:
   * Markdown cites in text, the report in HTML, BibTeX and CSL-JSON need only the records.
   */
  function bibliographyFor(request: ExportRequest, documents: ExportSelection['documents']) {
    const markup =
      request.format === 'markdown'
        ? 'text'
        : request.format === 'html'
          ? 'html'
          : request.format === 'bibtex' || request.format === 'csl'
            ? null
            : undefined;
    if (markup === undefined) return undefined;
    const style = request.options?.citationStyle ?? DEFAULT_EXPORT_OPTIONS.citationStyle;
    return buildBibliography(documents, { style, markup, resourcesDir: options.resourcesDir });
  }

  /**
   * The PDFs and area pictures a backup carries (base64 by `<sha256>.<kind>`), so restoring it
   * elsewhere is whole. A file already missing or damaged here is left out (the restore says so).
   */
  async function keptFilesOf(selection: ExportSelection): Promise<Map<string, string>> {
    const wanted: [string, KeptKind][] = [];
    for (const doc of selection.documents) if (doc.pdf) wanted.push([doc.pdf.file, 'pdf']);
    for (const a of selection.annotations)
      if ('area' in a.target && a.target.area.image) wanted.push([a.target.area.image, 'png']);
    const files = new Map<string, string>();
    for (const [hash, kind] of wanted) {
      const name = `${hash}.${kind}`;
      if (files.has(name)) continue;
      const bytes = await readKeptFile(filesDirIn(store.dataDir), hash, kind).catch(() => null);
      if (bytes) files.set(name, Buffer.from(bytes).toString('base64'));
    }
    return files;
  }

  const checkTarget = (path: string) => checkExportTarget(path, store.dataDir);

  /** Write a selection in a format to a path; the dialog flow and the command line share it. */
  async function exportSelection(
    path: string,
    selection: ExportSelection,
    request: Omit<ExportRequest, 'scope'>,
    job: { cancelled: boolean } = { cancelled: false },
    onProgress?: (done: number, total: number) => void,
  ): Promise<ExportResult> {
    const { format } = request;
    if (isFolderFormat(format)) return exportFolder(path, selection, request, job, onProgress);
    return exportFile(path, selection, { ...request, format }, job, onProgress);
  }

  async function exportFile(
    path: string,
    selection: ExportSelection,
    request: { format: ExportFormat; options?: Partial<ExportOptions> },
    job: { cancelled: boolean },
    onProgress?: (done: number, total: number) => void,
  ): Promise<ExportResult> {
    await checkTarget(path);
    const exportOptions = { ...DEFAULT_EXPORT_OPTIONS, ...request.options };
    const pieces = EXPORTERS[request.format](selection, exportOptions, onProgress);
    let bytes: number | null;
    try {
      bytes = await writeExportFile(path, pieces, () => job.cancelled);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new NotebookError('internal', `Could not write ${path} (${reason}).`);
    }
    if (bytes === null) return { status: 'cancelled' };
    written.add(path);
    return {
      status: 'saved',
      path,
      fileName: basename(path),
      bytes,
      documents: selection.documents.length,
      quotes: selection.annotations.length,
      notes: selection.notes.length,
    };
  }

  /**
   * An Obsidian vault folder: read the Markdown files an earlier export may have written there,
   * work out every file (pure), and write the new and changed ones, one by one.
   */
  async function exportFolder(
    folder: string,
    selection: ExportSelection,
    request: Omit<ExportRequest, 'scope'>,
    job: { cancelled: boolean },
    onProgress?: (done: number, total: number) => void,
  ): Promise<ExportResult> {
    const root = await checkExportFolder(folder, store.dataDir);
    const exportOptions = { ...DEFAULT_EXPORT_OPTIONS, ...request.options };
    let result: Awaited<ReturnType<typeof writeExportFolder>>;
    let setAside: { path: string; copy: string }[];
    try {
      const vault = obsidianVault(selection, await readExportFolder(root), exportOptions);
      setAside = vault.setAside.map(({ path, copy }) => ({
        path: join(folder, ...path.split('/')),
        copy: join(folder, ...copy.split('/')),
      }));
      result = await writeExportFolder(root, vault, () => job.cancelled, onProgress);
    } catch (error) {
      if (error instanceof NotebookError) throw error;
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new NotebookError('internal', `Could not write into ${folder} (${reason}).`);
    }
    if (result === null) return { status: 'cancelled' };
    written.add(folder);
    return {
      status: 'saved',
      path: folder,
      fileName: basename(folder),
      bytes: result.bytes,
      documents: selection.documents.length,
      quotes: selection.annotations.length,
      notes: exportOptions.includeNotes ? selection.notes.length : 0,
      folder: {
        written: result.written,
        updated: result.updated,
        unchanged: result.unchanged,
        setAside,
      },
    };
  }

  /** Export straight to a path (the command line). */
  const exportTo = async (path: string, request: ExportRequest) =>
    exportSelection(path, await select(request), request);

  const handlers: ExportHandlers = {
    async exportNotebook({ jobId, format, scope, options: formatOptions }) {
      if (jobs.has(jobId))
        throw new NotebookError('conflict', `Export ${jobId} is already running.`);
      const job = { cancelled: false };
      jobs.set(jobId, job);
      try {
        // Check the scope before asking for a file name: a deleted tag should not cost a dialog.
        const selection = await select({ format, scope, options: formatOptions });
        const path = isFolderFormat(format)
          ? await host.chooseExportFolder({ title: `Export to an ${formatInfo(format).label}` })
          : await host.chooseSavePath({
              title: `Export ${FORMAT_INFO[format].label}`,
              defaultName: defaultFileName(selection.label, format, now()),
              filters: [
                { name: FORMAT_INFO[format].label, extensions: [FORMAT_INFO[format].extension] },
              ],
            });
        if (!path || job.cancelled) return { status: 'cancelled' };
        let last = 0;
        const request = { format, options: formatOptions };
        return await exportSelection(path, selection, request, job, (done, total) => {
          // Throttled: a few events a second are plenty for a progress bar.
          const t = performance.now();
          if (done < total && t - last < 100) return;
          last = t;
          emit({ type: 'export-progress', jobId, done, total });
        });
      } finally {
        jobs.delete(jobId);
      }
    },
    cancelExport({ jobId }) {
      const job = jobs.get(jobId);
      if (job) job.cancelled = true;
      return { cancelled: job !== undefined };
    },
    async showExportedFile({ path }) {
      if (!written.has(path))
        throw new NotebookError('not-found', 'Only files exported in this session can be shown.');
      await host.showItemInFolder(path);
      return null;
    },
  };
  return { handlers, exportTo, select };
}
