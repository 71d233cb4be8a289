import { benchAgreement } from './agreement/bench-agreement.ts';
import { benchAnalysis } from './analysis/bench-analysis.ts';
import { benchCompare } from './compare/bench-compare.ts';
import { benchExport } from './export/bench-export.ts';
import { benchPdf } from './pdf/bench-pdf.ts';
import { benchQuotes } from './quotes/bench-quotes.ts';
import { benchReader, parseReaderSizes } from './reader/bench-reader.ts';
import { benchSearch, rowJson } from './search/bench-search.ts';
import { benchStore, rowJson as storeRowJson } from './store/bench-store.ts';

/**
 * `npm run bench [-- <suite>] [--json] [--sizes 1000,10000] [--runs 5] [--no-fuse] [--baseline]`
 *
 * Suites: `search`, `export`, `quotes`, `store`, `pdf`, `reader`, `analysis`, `agreement`,
 * `compare` (the default: all suites; `agreement` takes no sizes: the 3 coders × 50
 * documents, read two ways; `compare`: the Team view's comparison of one document with 3 coders
 * × 500 highlights in Chromium, drawn and stepped through). `--sizes` sets the sizes (search:
 * notes; export: quotes; quotes: words of one article; pdf: pages of the generated book; reader:
 * words/highlights pairs such as `10k/500,100k/5000`; analysis: quotes; compare: words of the
 * compared document, the first size only; default 1k, 10k, 100k, for quotes 5k, 20k, 50k, for pdf
 * 500, for reader the five, for analysis 10k and 100k, for compare 100k). `--runs` sets
 * the runs per figure of the reader suite (5) and the compare suite (7), and the openings per
 * size of the store suite (3). `--baseline` has the
 * compare suite measure the Team view as it landed beside this checkout's. The table goes
 * to stdout; with `--json` the last line of stdout is one JSON object with a key per suite.
 * Progress goes to stderr.
 */

const SUITES = [
  'search',
  'export',
  'quotes',
  'store',
  'pdf',
  'reader',
  'analysis',
  'agreement',
  'compare',
] as const;
const ANALYSIS_SIZES = [10_000, 100_000];
const STORE_SIZES = [1000, 10_000, 50_000, 100_000];
const DEFAULT_SIZES = [1000, 10_000, 100_000];
const QUOTES_SIZES = [5000, 20_000, 50_000];
const PDF_PAGES = [500];
type Suite = (typeof SUITES)[number];

function parseArgs(argv: string[]) {
  const suites: Suite[] = [];
  let json = false;
  let fuse = true;
  let sizes: number[] | null = null;
  let rawSizes: string | null = null;
  let runs: number | null = null;
  let baseline = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--baseline') baseline = true;
    else if (arg === '--no-fuse') fuse = false;
    else if (arg === '--sizes' || arg.startsWith('--sizes=')) {
      const value = arg === '--sizes' ? argv[++i] : arg.slice('--sizes='.length);
      rawSizes = value ?? '';
      // The reader suite's sizes are pairs (words/highlights), read by the suite itself.
      if (rawSizes.includes('/')) continue;
      sizes = (value ?? '').split(',').map((s) => {
        const m = /^(\d+)(k?)$/i.exec(s.trim());
        if (!m) throw new Error(`--sizes: not a size: "${s}"`);
        return Number(m[1]) * (m[2] ? 1000 : 1);
      });
    } else if (arg === '--runs' || arg.startsWith('--runs=')) {
      const value = arg === '--runs' ? argv[++i] : arg.slice('--runs='.length);
      runs = Number(value);
      if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: not a count: "${value}"`);
    } else if ((SUITES as readonly string[]).includes(arg)) suites.push(arg as Suite);
    else throw new Error(`unknown argument "${arg}" (suites: ${SUITES.join(', ')})`);
  }
  return {
    suites: suites.length > 0 ? suites : [...SUITES],
    json,
    fuse,
    sizes,
    rawSizes,
    runs,
    baseline,
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const json: Record<string, unknown> = {};
  for (const suite of args.suites) {
    if (suite === 'search') {
      const { text, rows } = benchSearch({
        sizes: args.sizes ?? DEFAULT_SIZES,
        fuse: args.fuse,
        log,
      });
      process.stdout.write(`${text}\n`);
      json.search = rows.map(rowJson);
    }
    if (suite === 'export') {
      const { text, rows } = benchExport({ sizes: args.sizes ?? DEFAULT_SIZES, log });
      process.stdout.write(`${text}\n`);
      json.export = rows;
    }
    if (suite === 'store') {
      const { text, rows } = await benchStore({
        sizes: args.sizes ?? STORE_SIZES,
        heavy: args.sizes === null,
        baselineEdits: 20,
        opens: args.runs ?? 3,
        log,
      });
      process.stdout.write(`${text}\n`);
      json.store = rows.map(storeRowJson);
    }
    if (suite === 'quotes') {
      const result = benchQuotes({ sizes: args.sizes ?? QUOTES_SIZES, log });
      process.stdout.write(`${result.text}\n`);
      json.quotes = result.json;
    }
    if (suite === 'pdf') {
      const result = await benchPdf({
        pages: args.sizes ?? PDF_PAGES,
        baseline: args.baseline,
        log,
      });
      process.stdout.write(`${result.text}\n`);
      json.pdf = result.json;
    }
    if (suite === 'reader') {
      const result = await benchReader({
        sizes: args.rawSizes?.includes('/') ? parseReaderSizes(args.rawSizes) : undefined,
        runs: args.runs ?? undefined,
        log,
      });
      process.stdout.write(`${result.text}\n`);
      json.reader = result.json;
    }
    if (suite === 'analysis') {
      const result = await benchAnalysis({ sizes: args.sizes ?? ANALYSIS_SIZES, log });
      process.stdout.write(`${result.text}\n`);
      json.analysis = result.json;
    }
    if (suite === 'agreement') {
      const result = benchAgreement({ log });
      process.stdout.write(`${result.text}\n`);
      json.agreement = result.json;
    }
    if (suite === 'compare') {
      const result = await benchCompare({
        words: args.sizes?.[0],
        runs: args.runs ?? undefined,
        baseline: args.baseline,
        log,
      });
      process.stdout.write(`${result.text}\n`);
      json.compare = result.json;
    }
  }
  if (args.json) process.stdout.write(`\n${JSON.stringify(json)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
