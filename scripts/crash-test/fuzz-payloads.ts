import fc from 'fast-check';
import { METHOD_NAMES } from '../../shared/contract.ts';

/**
 * Payload generators for the IPC fuzz. Everything generated is something a page could send
 * through Electron's structured clone (no functions, getters or symbols), hostile or broken:
 * arbitrary values, valid payloads with a field broken, extra or prototype-polluting keys, huge
 * strings and arrays, deep nesting.
 */

const ANYTHING = {
  maxDepth: 3,
  maxKeys: 6,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  stringUnit: 'binary',
  key: fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'name'),
    },
  ),
} satisfies Parameters<typeof fc.anything>[0];

export const anything = fc.anything(ANYTHING);

const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const EXTRA_KEYS = [...POLLUTING_KEYS, 'extra', 'path', 'toString', 'hasOwnProperty', 'then'];

/** Strings past every limit in the contract (the largest, an import, is 4/3 of 30 MB). */
const hugeString = fc
  .tuple(
    fc.constantFrom(1001, 2001, 10_001, 100_001, 1_000_001, 5_000_000),
    fc.constantFrom('x', ' ', 'é', '😀', '=', '\n', '\u0000', 'A/'),
  )
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));

/** Values of the wrong type, out of range, or odd. */
const oddValue = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      null,
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      -1,
      0,
      1.5,
      2 ** 31,
      2 ** 53 + 2,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      true,
      false,
      '',
      ' ',
      '\u0000',
      '\uD800',
      '\u202E',
      'javascript:alert(1)',
      '../../etc/passwd',
      [],
      {},
      [[]],
      '__proto__',
      'constructor',
    ),
  },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.bigInt() },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  { weight: 2, arbitrary: fc.anything({ ...ANYTHING, maxDepth: 2 }) },
  { weight: 1, arbitrary: hugeString },
);

type Container = Record<string, unknown> | unknown[];
type Path = (string | number)[];

const isContainer = (v: unknown): v is Container =>
  typeof v === 'object' &&
  v !== null &&
  (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype);

/** Paths to the nodes of a payload (the root is []), not too deep, a few array items each. */
function nodes(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (path.length >= 8 || out.length >= 400 || !isContainer(value)) return out;
  const children: [string | number, unknown][] = Array.isArray(value)
    ? Array.from(value.slice(0, 3), (v, i): [number, unknown] => [i, v]) // holes too
    : Object.entries(value);
  for (const [k, v] of children) nodes(v, [...path, k], out);
  return out;
}

function get(root: unknown, path: Path): unknown {
  let node = root;
  for (const step of path) node = (node as Record<string | number, unknown>)[step];
  return node;
}

/** An own property, even for `__proto__` (as JSON.parse and structured clone make them). */
function setOwn(target: Container, key: string | number, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function asJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return '{"not": "serializable"}'; // a BigInt, or nesting too deep for JSON.stringify
  }
}

function nest(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

export type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'extra'; at: number; key: string; value: unknown }
  | { kind: 'wrap'; at: number; how: 'array' | 'object' | 'json' | 'null-prototype' }
  | { kind: 'grow'; at: number; length: number }
  | { kind: 'deep'; at: number; depth: number; asArray: boolean };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({ kind: fc.constant('replace'), at: fc.nat(), value: oddValue }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete'), at: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('extra'),
      at: fc.nat(),
      key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 10 })),
      value: fc.oneof(oddValue, fc.constant({ polluted: true })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('wrap'),
      at: fc.nat(),
      how: fc.constantFrom('array', 'object', 'json', 'null-prototype'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('grow'),
      at: fc.nat(),
      length: fc.constantFrom(101, 1001, 10_001, 100_001, 1_000_001),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deep'),
      at: fc.nat(),
      depth: fc.constantFrom(50, 1000, 10_000, 100_000),
      asArray: fc.boolean(),
    }),
  },
) as fc.Arbitrary<Mutation>;

/** Apply a mutation in place (to a copy); returns the new root. */
export function mutate(root: unknown, m: Mutation): unknown {
  const paths = nodes(root);
  const path = paths[m.at % paths.length]!;
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = key === undefined ? null : (get(root, parentPath) as Container);
  const node = get(root, path);
  const put = (value: unknown) => {
    if (parent === null || key === undefined) return value;
    setOwn(parent, key, value);
    return root;
  };
  switch (m.kind) {
    case 'replace':
      return put(m.value);
    case 'delete':
      if (parent === null || key === undefined) return undefined;
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return root;
    case 'extra':
      if (!isContainer(node)) return put({ [m.key]: m.value });
      setOwn(node, Array.isArray(node) ? node.length : m.key, m.value);
      return root;
    case 'wrap':
      if (m.how === 'array') return put([node]);
      if (m.how === 'object') return put({ value: node });
      if (m.how === 'json') return put(asJson(node));
      return put(isContainer(node) ? Object.assign(Object.create(null), node) : node);
    case 'grow':
      return put(Array.from({ length: m.length }, () => (Array.isArray(node) ? node[0] : node)));
    case 'deep':
      return put(nest(m.depth, m.asArray));
  }
}

/** A valid payload with one to three things broken. */
export const broken = (base: unknown) =>
  fc
    .array(mutation, { minLength: 1, maxLength: 3 })
    .map((ms) => ms.reduce<unknown>((value, m) => mutate(value, m), structuredClone(base)));

/** The payload with prototype-polluting keys, as JSON.parse (and so a page) would make them. */
export function polluted(base: unknown): fc.Arbitrary<unknown> {
  const fields = JSON.stringify(base ?? {}).slice(1, -1);
  const join = (extra: string) => JSON.parse(`{${extra}${fields ? `,${fields}` : ''}}`) as unknown;
  return fc
    .constantFrom(
      () => join('"__proto__":{"polluted":true}'),
      () => join('"constructor":{"prototype":{"polluted":true}}'),
      () => join('"__proto__":{"__proto__":{"polluted":true}}'),
      () => join('"prototype":{"polluted":true}'),
      () => JSON.parse(`[${JSON.stringify(base)}]`) as unknown,
      () => Object.assign(Object.create(null), base, { polluted: true }),
    )
    .map((make) => make());
}

/** Payloads for a method: arbitrary, broken from its valid payload, polluted. */
export function payloads(base: unknown | undefined): fc.Arbitrary<unknown> {
  if (base === undefined) return fc.oneof(anything, polluted({}));
  return fc.oneof(
    { weight: 2, arbitrary: anything },
    { weight: 7, arbitrary: broken(base) },
    { weight: 1, arbitrary: polluted(base) },
  );
}

/** Method names that are not in the contract: near misses, prototype names, noise. */
export const unknownMethod: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'valueOf',
      'hasOwnProperty',
      'isPrototypeOf',
      'propertyIsEnumerable',
      'toLocaleString',
      '__defineGetter__',
      '__lookupSetter__',
      'prototype',
      'then',
      '',
      ' ',
    ),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...METHOD_NAMES), fc.nat(8))
      .map(
        ([m, how]) =>
          [
            m.toUpperCase(),
            m.toLowerCase(),
            ` ${m}`,
            `${m} `,
            `${m}\u0000`,
            `${m}\u200b`,
            `notebook:${m}`,
            `${m}s`,
            m.slice(0, -1),
          ][how],
      ),
  },
  // What a page could pass for the name through the test harness (JSON values).
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.string())) },
);
