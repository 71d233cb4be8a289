import { basename, extname } from 'node:path';
import type { ExchangeRead } from '../../../shared/exchange/types.ts';
import type { StoreData } from '../../../shared/model.ts';
import { NotebookError } from '../../../shared/result.ts';
import { readCodebookCsv } from './codebook-csv.ts';
import { readArchive } from './refi/read-archive.ts';
import { readCodebookFile } from './refi/read-codebook-file.ts';
import { readProject } from './refi/read-project.ts';

/** A JSON file of another tool's annotations (Hypothesis), read by a reader given at startup. */
export type JsonReader = (
  json: unknown,
  notebook: Pick<StoreData, 'documents' | 'tags'>,
  options: { now: string; documentFor?: Readonly<Record<string, string>> },
) => ExchangeRead;

export interface ExchangeFileOptions {
  now: string;
  documentFor?: Readonly<Record<string, string>>;
  json?: JsonReader;
}

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');

/**
 * Any file the exchange import takes, told apart by its name and first bytes: a REFI-QDA project
 * (`.qdpx`, or a bare `.qde`), a REFI-QDA codebook (`.qdc`), a codebook spreadsheet (`.csv`), or
 * another tool's annotations as JSON. A file that is none of these is refused by name.
 */
export function readExchangeFile(
  bytes: Uint8Array,
  path: string,
  notebook: Pick<StoreData, 'documents' | 'annotations' | 'tags' | 'notes' | 'collections'>,
  options: ExchangeFileOptions,
): ExchangeRead {
  const name = basename(path);
  const ext = extname(name).toLowerCase();
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (ext === '.qdpx' || isZip) {
    const archive = readArchive(bytes, name);
    return readProject(archive.qde, archive.files, notebook, options);
  }
  const text = decode(bytes);
  const start = text.trimStart().slice(0, 400);
  if (ext === '.qde' || ext === '.qdc' || start.startsWith('<')) {
    if (/<(\w+:)?CodeBook[\s>]/.test(start) && !/<(\w+:)?Project[\s>]/.test(start))
      return readCodebookFile(text, name, notebook, options);
    return readProject({ name, xml: text }, new Map(), notebook, options);
  }
  if (ext === '.json' || start.startsWith('{') || start.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new NotebookError(
        'invalid-input',
        `${name} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    if ((json as { format?: unknown } | null)?.format === 'marginalia-backup')
      throw new NotebookError(
        'invalid-input',
        `${name} is a Marginalia backup: bring it in with File › Restore from Backup…, which can merge it or replace the notebook.`,
      );
    if (!options.json)
      throw new NotebookError('unavailable', `${name}: annotations in JSON cannot be read here.`);
    return options.json(json, notebook, options);
  }
  if (ext === '.csv') return readCodebookCsv(text, name, options);
  throw new NotebookError(
    'invalid-input',
    `${name} is not a file Marginalia exchanges: it reads REFI-QDA projects (.qdpx) and codebooks (.qdc), codebooks as CSV, and Hypothesis exports (.json).`,
  );
}
