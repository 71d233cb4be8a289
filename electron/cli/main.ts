import { access, mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExchangeReport } from '../../shared/exchange/types.ts';
import type { BackupContents } from '../../shared/export/backup.ts';
import type { RestorePreview } from '../../shared/export/restore-plan.ts';
import { RESTORE_KINDS } from '../../shared/export/restore-summary.ts';
import type { ExportResult } from '../../shared/export/result.ts';
import { type ExportScope, isFolderFormat } from '../../shared/export/types.ts';
import { plural } from '../../shared/format.ts';
import { importLimitFor } from '../../shared/import.ts';
import { findQuotes } from '../../shared/quotes/find-quotes.ts';
import type { QuoteCandidate } from '../../shared/quotes/types.ts';
import { NotebookError } from '../../shared/result.ts';
import { findTagByName } from '../../shared/tags.ts';
import { appDataDir, DATA_DIR_ENV, storePathIn } from '../notebook/data-dir.ts';
import { parseImportFile } from '../notebook/import/parse-import.ts';
import { ImportProblem, tooLarge } from '../notebook/import/problems.ts';
import { type Notebook, openNotebook } from '../notebook/notebook.ts';
import { readBackupFile } from '../notebook/restore-service.ts';
import { agreementOutput } from './agreement.ts';
import {
  type Command,
  type Invocation,
  parseInvocation,
  USAGE,
  UsageError,
  wantsJson,
} from './args.ts';

/**
 * `npm run -s cli -- <command>`: the notebook core without a window, for scripts and batch work.
 * Reading commands open the store read-only (the app may be running); changing commands take
 * the store's lock like the app does, so they refuse while the app holds it.
 */
const RESOURCES_DIR = fileURLToPath(new URL('../../resources', import.meta.url));
const PARSE_WORKER = new URL('../notebook/import/parse-worker.ts', import.meta.url);
const COMPACT_WORKER = new URL('../notebook/store/compact-worker.ts', import.meta.url);

type Output = { json: unknown; text: string };

async function main(argv: string[]): Promise<number> {
  let invocation: Invocation;
  try {
    invocation = parseInvocation(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (wantsJson(argv))
      process.stdout.write(
        `${JSON.stringify({ error: { code: 'usage', message: error.message } }, null, 2)}\n`,
      );
    process.stderr.write(`marginalia: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  const { command, json } = invocation;
  if (command.name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dataDir = resolve(
    invocation.dataDir ??
      (process.env[DATA_DIR_ENV]?.trim() || appDataDir(process.platform, process.env, homedir())),
  );
  let notebook: Notebook | null = null;
  const print = (output: Output) =>
    process.stdout.write(json ? `${JSON.stringify(output.json, null, 2)}\n` : output.text);
  try {
    // Quotations in a file need no notebook: the file is read as an import would read it.
    if (command.name === 'quotes' && 'file' in command.source) {
      print(quotesOutput(findQuotes(await textOfFile(command.source.file)), command));
      return 0;
    }
    // Agreement reads the coders' files alone.
    if (command.name === 'agreement') {
      print(await agreementOutput(command));
      return 0;
    }
    const writes = command.name === 'import' || command.name === 'restore';
    // A bad backup is refused before the notebook is even opened.
    const backup = command.name === 'restore' ? await readBackupFile(resolve(command.file)) : null;
    if (writes && !command.create && !(await exists(storePathIn(dataDir))))
      throw new NotebookError(
        'not-found',
        `There is no notebook in ${dataDir}. Check --data-dir, or add --create to start one there.`,
      );
    notebook = await openNotebook({
      dataDir,
      resourcesDir: RESOURCES_DIR,
      readOnly: !writes,
      // A notebook started from the command line holds only what was put in it.
      seed: false,
      parseWorker: PARSE_WORKER,
      store: { compactionWorker: COMPACT_WORKER },
      host:
        command.name === 'import'
          ? {
              chooseImportFiles: async () =>
                command.files.filter((f) => !isExchangeFile(f)).map((f) => resolve(f)),
            }
          : {},
    });
    print(await run(notebook, command, backup));
    return 0;
  } catch (error) {
    const code = error instanceof NotebookError ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    if (json) process.stdout.write(`${JSON.stringify({ error: { code, message } }, null, 2)}\n`);
    process.stderr.write(`marginalia: ${message}\n`);
    return 1;
  } finally {
    await notebook?.close().catch((error: unknown) => {
      process.stderr.write(`marginalia: ${(error as Error).message}\n`);
      process.exitCode = 1;
    });
  }
}

async function run(
  notebook: Notebook,
  command: Exclude<Command, { name: 'help' | 'agreement' }>,
  backup: BackupContents | null,
): Promise<Output> {
  const { handlers } = notebook;
  switch (command.name) {
    case 'list': {
      const documents = (await handlers.listDocuments({})).map((d) => ({
        id: d.id,
        title: d.title,
        author: d.author,
        source: d.source,
        publishedDate: d.publishedDate,
        quotes: d.annotationCount,
        unplaced: d.orphanCount,
        notes: notebook.store.data.notes.filter((n) => n.documentId === d.id).length,
        words: d.wordCount,
      }));
      const text = documents.length
        ? documents
            .map(
              (d) =>
                `${d.id}  ${d.title || 'Untitled document'}\n    ${d.quotes} quotes · ${d.notes} notes${d.unplaced ? ` · ${d.unplaced} unplaced` : ''} · ${d.words} words\n`,
            )
            .join('')
        : 'The notebook has no documents.\n';
      return { json: documents, text };
    }
    case 'search': {
      notebook.searchReady();
      const results = await handlers.search({ query: command.query, limit: command.limit });
      const hits = results.hits.map((h) => ({
        kind: h.kind,
        id: h.id,
        documentId: h.documentId,
        documentTitle: h.documentTitle,
        text: h.title,
        detail: h.detail,
        score: h.score,
      }));
      const text = hits.length
        ? `${hits
            .map(
              (h, i) =>
                `${String(i + 1).padStart(3)}. [${h.kind}] ${oneLine(h.text)}${h.kind !== 'document' && h.documentTitle ? `\n     ${oneLine(h.documentTitle)}` : ''}\n`,
            )
            .join(
              '',
            )}${results.total > hits.length ? `(${hits.length} of ${results.total} shown)\n` : ''}`
        : 'Nothing found.\n';
      return { json: { total: results.total, hits }, text };
    }
    case 'export': {
      const scope = exportScope(notebook, command);
      const path = resolve(command.out);
      // A vault folder is made when missing, as a file would be.
      if (isFolderFormat(command.format)) await mkdir(path, { recursive: true });
      const result = await notebook.exports.exportTo(path, {
        format: command.format,
        scope,
        options: {
          markdownOrder: command.order,
          csvBom: command.bom,
          csvEscapeFormulas: command.escapeFormulas,
          includeNotes: command.notes,
          citationStyle: command.style,
        },
      });
      if (result.status !== 'saved') throw new NotebookError('internal', 'The export stopped.');
      if (result.folder) return { json: result, text: folderExportText(result) };
      // CSV and JSON-LD hold quotes only.
      const withNotes = command.notes && ['markdown', 'html', 'json'].includes(command.format);
      if (command.format === 'bibtex' || command.format === 'csl')
        return {
          json: result,
          text: `Exported ${plural(result.documents, 'bibliography entry', 'bibliography entries')} to ${result.path} (${result.bytes} bytes).\n`,
        };
      return {
        json: result,
        text: `Exported ${plural(result.quotes, 'quote')} from ${plural(result.documents, 'document')}${withNotes ? ` and ${plural(result.notes, 'note')}` : ''} to ${result.path} (${result.bytes} bytes).\n`,
      };
    }
    case 'quotes': {
      if (!('doc' in command.source)) throw new NotebookError('internal', 'No document given.');
      const id = command.source.doc;
      if (!notebook.store.data.documents.some((d) => d.id === id))
        throw new NotebookError('not-found', `No document has the id "${id}" (see "list").`);
      const { suggestions } = await handlers.findQuotes({ documentId: id });
      return quotesOutput(suggestions, command);
    }
    case 'import': {
      const documents = command.files.filter((f) => !isExchangeFile(f));
      const report = documents.length
        ? await handlers.importFromDialog({ jobId: 'cli-import' })
        : { items: [] };
      const exchanged = [];
      for (const file of command.files.filter(isExchangeFile)) {
        try {
          exchanged.push({
            name: basename(file),
            ...(await notebook.exchange.importPath(resolve(file))),
          });
        } catch (error) {
          if (!(error instanceof NotebookError)) throw error;
          exchanged.push({ name: basename(file), error: error.message });
        }
      }
      await notebook.store.flush();
      const json = [...report.items, ...exchanged];
      const text = [
        ...report.items.map((item) => {
          const name = basename(item.name);
          if (item.status === 'failed') return `failed   ${name}: ${item.reason}\n`;
          if (item.status === 'skipped') return `skipped  ${name}\n`;
          return `${item.status.padEnd(8)} ${name} → ${item.documentId}  ${item.title}\n`;
        }),
        ...exchanged.map((x) =>
          'error' in x ? `failed   ${x.name}: ${x.error}\n` : exchangeSummary(x),
        ),
      ].join('');
      // What could go in went in; the rest is reported.
      if (report.items.some((i) => i.status === 'failed') || exchanged.some((x) => 'error' in x))
        process.exitCode = 1;
      return { json, text };
    }
    case 'restore': {
      if (!backup) throw new NotebookError('internal', 'The backup was not read.');
      const mode = command.replace ? 'replace' : 'merge';
      const { preview } = await notebook.restores.apply(backup.data, mode);
      await notebook.store.flush();
      const problems = [...backup.problems, ...preview.problems];
      const lines = RESTORE_KINDS.map(([kind, label]) => {
        const p = preview[kind];
        const counts = [
          `${p.added} added`,
          `${p.updated} updated`,
          `${p.unchanged} unchanged`,
          ...(mode === 'merge' ? [`${p.kept} kept`, `${p.matched} matched`] : []),
          ...(mode === 'replace' ? [`${p.removed} removed`] : []),
        ];
        return `${label.padEnd(10)} ${counts.join(' · ')}\n`;
      });
      return {
        json: { mode, preview, problems },
        text: `${lines.join('')}${problems.map((p) => `note: ${p}\n`).join('')}`,
      };
    }
  }
}

/** "Exported … to DIR: 3 files written, 2 updated, 1 unchanged.", and each file set aside. */
function folderExportText(result: Extract<ExportResult, { status: 'saved' }>): string {
  const folder = result.folder!;
  const counts = [
    `${plural(folder.written, 'file')} written`,
    `${folder.updated.toLocaleString()} updated`,
    `${folder.unchanged.toLocaleString()} unchanged`,
  ].join(', ');
  const notes = result.notes > 0 ? ` and ${plural(result.notes, 'note')}` : '';
  const aside = folder.setAside.map(
    ({ path, copy }) =>
      `note: the "my notes" markers of ${path} were broken; its old text is kept in ${copy}\n`,
  );
  return `Exported ${plural(result.quotes, 'quote')} from ${plural(result.documents, 'document')}${notes} to ${result.path}: ${counts}.\n${aside.join('')}`;
}

function exportScope(
  notebook: Notebook,
  command: Extract<Command, { name: 'export' }>,
): ExportScope {
  const data = notebook.store.data;
  if (command.doc !== undefined) {
    if (!data.documents.some((d) => d.id === command.doc))
      throw new NotebookError('not-found', `No document has the id "${command.doc}" (see "list").`);
    return { kind: 'document', documentId: command.doc };
  }
  if (command.tag !== undefined) {
    const tag = findTagByName(data.tags, command.tag);
    if (!tag) {
      const names = data.tags.map((t) => t.name).sort();
      throw new NotebookError(
        'not-found',
        `No tag is called "${command.tag}".${names.length ? ` Tags: ${names.join(', ')}.` : ''}`,
      );
    }
    return { kind: 'tag', tagId: tag.id };
  }
  if (command.search !== undefined) return { kind: 'search', query: command.search };
  return { kind: 'notebook' };
}

/**
 * A file's text exactly as File › Import… would store it (the same checks and parsers, in this
 * thread), so the offsets `quotes` prints select the same words in the app.
 */
async function textOfFile(file: string): Promise<string> {
  const path = resolve(file);
  const name = basename(path);
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ImportProblem('unreadable', 'it is not a file');
    const limit = importLimitFor(name);
    if (info.size > limit) throw tooLarge(info.size, limit);
    return (await parseImportFile({ name, path })).text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new NotebookError('not-found', `There is no file ${path}.`);
    if (error instanceof ImportProblem)
      throw new NotebookError('invalid-input', `${name} cannot be read: ${error.message}.`);
    // Permissions and the like: the system's words, naming the file.
    if (error instanceof Error && 'syscall' in error)
      throw new NotebookError('invalid-input', `${name} cannot be read (${error.message}).`);
    throw error;
  }
}

/** The finder's candidates as `quotes` prints them: always JSON, keys in a fixed order. */
function quotesOutput(
  candidates: readonly QuoteCandidate[],
  command: Extract<Command, { name: 'quotes' }>,
): Output {
  const quotes = candidates
    // `--direct`: somebody's words only, statements and partial quotations, no scare quotes.
    .filter((c) => !command.direct || c.kind !== 'scare')
    .map((c) => ({
      text: c.text,
      start: c.start,
      end: c.end,
      speaker: c.speaker,
      role: c.role,
      kind: c.kind,
      speakerKind: c.speakerKind,
      confidence: c.confidence,
      unsure: c.unsure,
      alternatives: c.alternatives,
      ...(command.evidence ? { evidence: c.evidence } : {}),
    }));
  return { json: quotes, text: `${JSON.stringify(quotes, null, 2)}\n` };
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

const oneLine = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 110 ? `${line.slice(0, 109)}…` : line;
};

process.exitCode = await main(process.argv.slice(2)).then(
  (code) => (process.exitCode && process.exitCode !== 0 ? process.exitCode : code),
  (error: unknown) => {
    process.stderr.write(`marginalia: unexpected failure: ${(error as Error)?.stack ?? error}\n`);
    return 1;
  },
);

/** Files of other tools, imported by merging (REFI-QDA, codebook CSV, Hypothesis JSON). */
function isExchangeFile(file: string): boolean {
  return /\.(qdpx|qdc|qde|csv|json)$/i.test(file);
}

function exchangeSummary(x: {
  name: string;
  preview: RestorePreview;
  report: ExchangeReport;
  counts: Record<string, number>;
}): string {
  const p = x.preview;
  const lines = [
    `imported ${x.name}${x.report.producer ? ` (written by ${x.report.producer})` : ''}: ${plural(p.documents.added, 'document')}, ${plural(p.annotations.added, 'highlight')}, ${plural(p.tags.added, 'tag')}, ${plural(p.notes.added, 'note')} added; ${plural(p.documents.matched + p.tags.matched, 'record')} joined to the notebook's\n`,
    ...x.report.notCarried.map((n) => `    not carried: ${n}\n`),
    ...x.report.unplaced.map((u) => `    not placed: ${u.what}: ${u.reason}\n`),
    ...x.report.notes.map((n) => `    note: ${n}\n`),
  ];
  return lines.join('');
}
