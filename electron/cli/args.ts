import { parseArgs } from 'node:util';
import { CITATION_STYLES, type CitationStyle } from '../../shared/citations/citations.ts';
import type { AnyExportFormat } from '../../shared/export/types.ts';

const isCitationStyle = (s: string): s is CitationStyle =>
  (CITATION_STYLES as readonly string[]).includes(s);

export const USAGE = `Usage: npm run -s cli -- <command> [options]

Commands:
  list                          Documents with their counts of quotes, notes and unplaced quotes
  search QUERY                  Search quotes, notes, tags and titles (same syntax as the app)
  export --format F --out FILE  Export (F: md, csv, html, jsonld, json, qdpx, qdc, hypothesis,
                                bibtex, csl)
  export --format obsidian --out DIR
                                An Obsidian vault folder (made if missing): a file per
                                document and note; run again to update it, keeping what
                                was written in each file's "my notes" section
      [--doc ID] [--tag NAME] [--search QUERY]   Only one document, tag (and below) or search
      [--order tag|text] [--no-notes]            Markdown grouping; leave out notes
      [--style apa|chicago]                      Markdown, HTML: citation style (apa)
      [--no-bom] [--raw-cells]                   CSV: no byte order mark; cells exactly as
                                                 stored (no ' before = + - @)
  quotes FILE                   Quotations in a text, Markdown or HTML file, with speakers
  quotes --doc ID               The same for a document in the notebook
      [--evidence] [--direct]                    Add how each speaker was found; leave
                                                 out scare quotes
  import FILE...                Import text, Markdown, HTML or PDF files as documents; merge
                                REFI-QDA projects (.qdpx) and codebooks (.qdc), codebook
                                spreadsheets (.csv) and Hypothesis exports (.json)
  restore FILE [--replace]      Merge a JSON backup into the notebook (or replace it)
      [--create]                (import, restore) Start a new notebook if DIR has none
  agreement FILE...             Agreement between coders (Krippendorff's α, percent agreement,
                                κ) from coding files (.mcoding) of one round or JSON backups
                                whose highlights carry their coder; needs no notebook
      [--doc ID] [--tag NAME]                    One document (content hash, a backup's document
                                                 id, or the start of its title); one code and
                                                 the codes below it
      [--samples N] [--seed N]                   Bootstrap resamples for the 95 % interval
                                                 (1000; 0 for none) and their seed (1)

Options for every command:
  --data-dir DIR   The notebook folder (default: the app's, or $MARGINALIA_DATA_DIR)
  --json           Machine-readable output on stdout
  --limit N        (search) At most N hits (default 20)

quotes prints a JSON array of {text, start, end, speaker, role, kind}; start and end are
UTF-16 offsets into the text as the app stores it (FILE is read as import reads it, and needs
no notebook). agreement --json prints the agreement table (overall, per code, per document
and per document × code; codes by path, documents by content hash and title, coders by id and
name) and compares the documents every file holds. list, search, export and quotes --doc only
read the notebook and work while the app is open; import and restore change it and refuse while
the app (or another process) holds it. Exit status: 0 done, 1 failed, 2 bad usage.`;

const FORMAT_ALIASES: Record<string, AnyExportFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  csv: 'csv',
  html: 'html',
  jsonld: 'jsonld',
  'json-ld': 'jsonld',
  json: 'json',
  qdpx: 'qdpx',
  'refi-qda': 'qdpx',
  qdc: 'qdc',
  hypothesis: 'hypothesis',
  'hypothes.is': 'hypothesis',
  obsidian: 'obsidian',
  bibtex: 'bibtex',
  bib: 'bibtex',
  csl: 'csl',
  'csl-json': 'csl',
};

export class UsageError extends Error {}

export type Command =
  | { name: 'help' }
  | { name: 'list' }
  | { name: 'search'; query: string; limit: number }
  | {
      name: 'export';
      format: AnyExportFormat;
      /** A file, or for a folder format a folder. */
      out: string;
      doc?: string;
      tag?: string;
      search?: string;
      order: 'tag' | 'text';
      bom: boolean;
      escapeFormulas: boolean;
      notes: boolean;
      style: CitationStyle;
    }
  | {
      name: 'quotes';
      /** A file to read, or a document of the notebook (exactly one of the two). */
      source: { file: string } | { doc: string };
      evidence: boolean;
      direct: boolean;
    }
  | { name: 'import'; files: string[]; create: boolean }
  | { name: 'restore'; file: string; replace: boolean; create: boolean }
  | {
      name: 'agreement';
      files: string[];
      doc?: string;
      tag?: string;
      /** Bootstrap resamples (0: no interval) and their seed. */
      samples: number;
      seed: number;
    };

export interface Invocation {
  command: Command;
  json: boolean;
  dataDir?: string;
}

/** Whether the output should be JSON, read before the rest can fail to parse. */
export const wantsJson = (argv: readonly string[]) => argv.includes('--json');

/** Read the command line; throws UsageError with a message fit to print. */
export function parseInvocation(argv: string[]): Invocation {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  const base = { json: values.json === true, dataDir: values['data-dir'] };
  const none = (what: string) => {
    if (rest.length) throw new UsageError(`${what} takes no arguments (got "${rest.join(' ')}").`);
  };
  if (values.help) return { ...base, command: { name: 'help' } };
  switch (name) {
    case undefined:
    case 'help':
      return { ...base, command: { name: 'help' } };
    case 'list':
      none('list');
      return { ...base, command: { name: 'list' } };
    case 'search': {
      const query = rest.join(' ').trim();
      if (!query) throw new UsageError('search needs a query, e.g. search "bagram tag:actors".');
      const limit = Number(values.limit ?? 20);
      if (!Number.isInteger(limit) || limit < 1 || limit > 5000)
        throw new UsageError('--limit is a whole number from 1 to 5000.');
      return { ...base, command: { name: 'search', query, limit } };
    }
    case 'export': {
      none('export');
      const format = FORMAT_ALIASES[String(values.format ?? '').toLowerCase()];
      if (!format)
        throw new UsageError(
          'export needs --format md, csv, html, jsonld, json, qdpx, qdc, hypothesis, bibtex, csl or obsidian.',
        );
      if (!values.out)
        throw new UsageError(`export needs --out ${format === 'obsidian' ? 'DIR' : 'FILE'}.`);
      const scopes = [values.doc, values.tag, values.search].filter((v) => v !== undefined);
      if (scopes.length > 1) throw new UsageError('Give at most one of --doc, --tag and --search.');
      const order = values.order ?? 'tag';
      if (order !== 'tag' && order !== 'text') throw new UsageError('--order is tag or text.');
      const style = String(values.style ?? 'apa').toLowerCase();
      if (!isCitationStyle(style)) throw new UsageError('--style is apa or chicago.');
      return {
        ...base,
        command: {
          name: 'export',
          format,
          out: values.out,
          doc: values.doc,
          tag: values.tag,
          search: values.search,
          order,
          bom: values['no-bom'] !== true,
          escapeFormulas: values['raw-cells'] !== true,
          notes: values['no-notes'] !== true,
          style,
        },
      };
    }
    case 'quotes': {
      if (rest.length > 1) throw new UsageError('quotes reads one file at a time.');
      const [file] = rest;
      if ((file === undefined) === (values.doc === undefined))
        throw new UsageError('quotes needs a FILE or --doc ID (one of the two).');
      return {
        ...base,
        command: {
          name: 'quotes',
          source: file !== undefined ? { file } : { doc: values.doc! },
          evidence: values.evidence === true,
          direct: values.direct === true,
        },
      };
    }
    case 'import':
      if (rest.length === 0) throw new UsageError('import needs at least one file.');
      return { ...base, command: { name: 'import', files: rest, create: values.create === true } };
    case 'restore':
      if (rest.length !== 1) throw new UsageError('restore needs exactly one backup file.');
      return {
        ...base,
        command: {
          name: 'restore',
          file: rest[0]!,
          replace: values.replace === true,
          create: values.create === true,
        },
      };
    case 'agreement': {
      if (rest.length === 0)
        throw new UsageError('agreement needs the coders’ files: coding files or backups.');
      const whole = (option: string, value: string | undefined, fallback: number, max: number) => {
        const n = Number(value ?? fallback);
        if (!Number.isInteger(n) || n < 0 || n > max)
          throw new UsageError(`--${option} is a whole number from 0 to ${max}.`);
        return n;
      };
      return {
        ...base,
        command: {
          name: 'agreement',
          files: rest,
          doc: values.doc,
          tag: values.tag,
          samples: whole('samples', values.samples, 1000, 100_000),
          seed: whole('seed', values.seed, 1, 2 ** 32 - 1),
        },
      };
    }
    default:
      throw new UsageError(`Unknown command "${name}". Run "npm run cli -- help".`);
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      doc: { type: 'string' },
      tag: { type: 'string' },
      search: { type: 'string' },
      order: { type: 'string' },
      style: { type: 'string' },
      'no-bom': { type: 'boolean' },
      'raw-cells': { type: 'boolean' },
      'no-notes': { type: 'boolean' },
      limit: { type: 'string' },
      samples: { type: 'string' },
      seed: { type: 'string' },
      replace: { type: 'boolean' },
      create: { type: 'boolean' },
      evidence: { type: 'boolean' },
      direct: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
