/** Command-line options of `npm run crash-test`. */
export interface Options {
  /** Kills per phase. */
  kills: number;
  items: number;
  /** Records in the notebook of the large phase. */
  bigItems: number;
  /** Which kill phases run (see run.ts). */
  phases: Phase[];
  fuzz: number;
  seed: number;
  json: boolean;
  /** The child's coalescing window (the app uses 150 ms; short here so kills land mid-write). */
  writeDelayMs: number;
  /** The kill comes this many ms (uniform, inclusive) after the child is ready. */
  killDelayMs: [number, number];
}

/** Kill phases: mid-edit, mid-edit in a large notebook, inside compactions, inside appends. */
export const PHASES = ['edit', 'large', 'compaction', 'append'] as const;
export type Phase = (typeof PHASES)[number];

const USAGE =
  'usage: npm run crash-test -- [--kills N] [--items N] [--big-items N] [--phases edit,large,compaction,append] [--fuzz N] [--seed S] [--write-delay MS] [--kill-delay MIN-MAX] [--json]';

function count(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min)
    throw new Error(`${name}: expected an integer ≥ ${min}, got "${value ?? ''}"\n${USAGE}`);
  return n;
}

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = {
    kills: 200,
    items: 10_000,
    bigItems: 100_000,
    phases: [...PHASES],
    fuzz: 10_000,
    seed: 20_251_101,
    json: false,
    writeDelayMs: 20,
    killDelayMs: [20, 400],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split('=', 2) : [arg];
    const value = () => inline ?? argv[++i];
    if (flag === '--json') options.json = true;
    else if (flag === '--kills') options.kills = count(flag, value(), 0);
    else if (flag === '--items') options.items = count(flag, value(), 10);
    else if (flag === '--big-items') options.bigItems = count(flag, value(), 10);
    else if (flag === '--phases') {
      const phases = (value() ?? '').split(',');
      const unknown = phases.filter((p) => !(PHASES as readonly string[]).includes(p));
      if (unknown.length > 0) throw new Error(`--phases: unknown "${unknown.join(',')}"\n${USAGE}`);
      options.phases = phases as Phase[];
    } else if (flag === '--fuzz') options.fuzz = count(flag, value(), 0);
    else if (flag === '--seed') options.seed = count(flag, value(), 0);
    else if (flag === '--write-delay') options.writeDelayMs = count(flag, value(), 0);
    else if (flag === '--kill-delay') {
      const [min, max] = (value() ?? '').split('-');
      options.killDelayMs = [count(flag, min, 0), count(flag, max, 0)];
      if (options.killDelayMs[1] < options.killDelayMs[0])
        throw new Error(`${flag}: MIN-MAX with MIN ≤ MAX\n${USAGE}`);
    } else if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    else throw new Error(`unknown argument "${arg}"\n${USAGE}`);
  }
  return options;
}
