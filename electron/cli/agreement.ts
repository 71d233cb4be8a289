import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { METHOD_NAME, shown, shownInterval } from '../../shared/agreement/format.ts';
import { READING_SHORT, THRESHOLDS_TEXT } from '../../shared/agreement/interpret.ts';
import { agreementTable } from '../../shared/agreement/table.ts';
import type { AgreementFigures, AgreementTable } from '../../shared/agreement/types.ts';
import { parseBackup } from '../../shared/export/backup.ts';
import { plural } from '../../shared/format.ts';
import { NotebookError } from '../../shared/result.ts';
import {
  type AgreementSource,
  agreementFromFiles,
  type FilesAgreement,
} from '../../shared/rounds/agreement-files.ts';
import { CODING_FORMAT, PACKAGE_FORMAT } from '../../shared/rounds/files.ts';
import { migrate } from '../notebook/migrations.ts';
import { RESTORE_MAX_BYTES } from '../notebook/restore-service.ts';
import { parseCodingFile } from '../notebook/rounds/coding-file.ts';
import type { Command } from './args.ts';

type AgreementCommand = Extract<Command, { name: 'agreement' }>;

/**
 * `agreement FILE...`: coders' coding files (or backups) to the agreement table, without a
 * notebook. What was left out of the files is written to stderr as notes.
 */
export async function agreementOutput(command: AgreementCommand) {
  const sources = [];
  for (const file of command.files) sources.push(await readSource(file));
  const files = agreementFromFiles(sources, { doc: command.doc, tag: command.tag });
  for (const note of files.notes) process.stderr.write(`note: ${note}\n`);
  const table = agreementTable(files.input, {
    codes: files.codes,
    bootstrapSamples: command.samples,
    seed: command.seed,
  });
  return { json: agreementJson(files, table), text: agreementText(files, table) };
}

/** A coding file, or else a backup (a JSON backup or a bare notebook.json). */
async function readSource(file: string): Promise<AgreementSource> {
  const path = resolve(file);
  const name = basename(path);
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new NotebookError('invalid-input', `${name} is not a file.`);
    if (info.size > RESTORE_MAX_BYTES)
      throw new NotebookError(
        'invalid-input',
        `${name} is ${Math.round(info.size / 2 ** 20)} MB, larger than any coding file or backup Marginalia reads.`,
      );
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new NotebookError('not-found', `There is no file ${path}.`);
    if (error instanceof Error && 'syscall' in error)
      throw new NotebookError('invalid-input', `${name} cannot be read (${error.message}).`);
    throw error;
  }
  const format = formatOf(text);
  if (format === CODING_FORMAT)
    return { kind: 'coding', file: name, coding: parseCodingFile(text, name) };
  if (format === PACKAGE_FORMAT)
    throw new NotebookError(
      'invalid-input',
      `${name} is a coding package (what the lead hands out, with nobody's highlights), not a coder's coding file.`,
    );
  try {
    return { kind: 'backup', file: name, data: parseBackup(text, { migrate }).data };
  } catch (error) {
    if (!(error instanceof NotebookError)) throw error;
    throw new NotebookError(
      'invalid-input',
      `${name} is neither a Marginalia coding file nor a backup. ${error.message}`,
    );
  }
}

/** The file's `format`, without parsing all of a large backup twice when it has one. */
function formatOf(text: string): unknown {
  const head = /^\s*\{\s*"format"\s*:\s*("[^"]*")/.exec(text.replace(/^\uFEFF/, ''));
  if (head) return JSON.parse(head[1]!);
  try {
    return (JSON.parse(text) as { format?: unknown } | null)?.format;
  } catch {
    return undefined;
  }
}

function agreementJson(files: FilesAgreement, table: AgreementTable) {
  const title = new Map(files.documents.map((d) => [d.contentHash, d.title]));
  return {
    round: files.round,
    coders: files.coders.map(({ id, name, file }) => ({ id, name, file })),
    documents: files.documents,
    codes: table.codes,
    method: table.method,
    overall: table.overall,
    perCode: table.perCode,
    perDocument: table.perDocument.map(({ document, ...rest }) => ({
      document,
      title: title.get(document) ?? '',
      ...rest,
    })),
    perCell: table.perCell.map(({ document, ...rest }) => ({
      document,
      title: title.get(document) ?? '',
      ...rest,
    })),
    disagreements: table.disagreements,
    bootstrap: table.bootstrap,
    notes: files.notes,
  };
}

const percent = (value: number | null) => (value === null ? '—' : `${shown(value, 1)} %`);
const clip = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text;

function agreementText(files: FilesAgreement, table: AgreementTable): string {
  const { overall } = table;
  const coders = files.coders.map((c) => `${c.name || c.id} (${c.file})`).join(', ');
  const titles = files.documents.map((d) => clip(d.title || 'Untitled document', 50));
  const titleWidth = Math.max(...titles.map((t) => t.length));
  const docs = files.documents.map(
    (d, i) =>
      `  ${titles[i]!.padEnd(titleWidth)}  ${d.contentHash.slice(0, 19)}…  ${plural(d.length, 'character')}`,
  );
  const interval = overall.ci
    ? `${Math.round(overall.ci.level * 100)} % CI ${shownInterval(overall.ci)}`
    : files.documents.length < 2
      ? 'no interval (one document)'
      : 'no interval';
  const width = Math.min(40, Math.max(4, ...table.perCode.map((c) => c.code.length)));
  const row = (label: string, f: AgreementFigures) =>
    [
      clip(label, width).padEnd(width),
      shown(f.alpha).padStart(7),
      shownInterval(f.ci).padStart(17),
      `  ${READING_SHORT[f.reading].padEnd(14)}`,
      percent(f.percentAgreement).padStart(8),
      shown(f.kappa).padStart(7),
      String(f.units).padStart(6),
    ].join(' ');
  const header = [
    'code'.padEnd(width),
    'α'.padStart(7),
    'interval'.padStart(17),
    `  ${'reading'.padEnd(14)}`,
    'agreed'.padStart(8),
    'κ'.padStart(7),
    'units'.padStart(6),
  ].join(' ');
  return [
    ...(files.round ? [`Round:     ${files.round.name}`] : []),
    `Coders:    ${coders}`,
    `Documents: ${plural(files.documents.length, 'document')}`,
    ...docs,
    `Method:    ${METHOD_NAME[table.method]} (${table.method === 'u-alpha' ? 'two coders' : 'three or more coders'})`,
    '',
    `α = ${shown(overall.alpha)}, ${interval}: ${READING_SHORT[overall.reading]}`,
    THRESHOLDS_TEXT,
    `Per character: ${percent(overall.percentAgreement)} agreement, κ = ${shown(overall.kappa)}${table.coders.length > 2 ? ' (means over the pairs)' : ''}`,
    '',
    header,
    ...table.perCode.map((c) => row(c.code, c)),
    '',
  ].join('\n');
}
