import type { AgreementDocument, AgreementInput } from './types.ts';

/**
 * The input regrouped for counting: per code and document, each coder's units as a flat,
 * sorted list `[start0, end0, start1, end1, …]`.
 *
 * A coder's segments of one code that overlap merge into one unit: Krippendorff's coefficients
 * assume a coder's units of one value never overlap (DKPro says so too), and in the notebook two
 * overlapping highlights with the same code mean "this passage has the code". Segments that only
 * touch stay two units: Krippendorff (1995, p. 57) has a coder mark adjacent units (pair B).
 * Ends are clamped to the document; segments that come out empty, and segments of coders or
 * documents not compared, are left out.
 */
export interface PreparedUnits {
  coders: string[];
  codes: string[];
  documents: AgreementDocument[];
  /** `cells.get(cellKey(code, document))?.[coder]`: absent when no coder used the code there. */
  cells: Map<number, number[][]>;
}

export function cellKey(codeIndex: number, documentIndex: number, documentCount: number): number {
  return codeIndex * documentCount + documentIndex;
}

export function prepareUnits(
  input: AgreementInput,
  selection: { codes?: readonly string[]; documents?: readonly string[] } = {},
): PreparedUnits {
  const coders = [...input.coders];
  if (new Set(coders).size !== coders.length) throw new Error('agreement: a coder is listed twice');
  const byId = new Map(input.documents.map((d) => [d.id, d]));
  const documents = selection.documents
    ? selection.documents.flatMap((id) => {
        const doc = byId.get(id);
        return doc ? [doc] : [];
      })
    : [...input.documents];
  const documentIndex = new Map(documents.map((d, i) => [d.id, i]));
  const coderIndex = new Map(coders.map((c, i) => [c, i]));
  const codes = selection.codes
    ? [...new Set(selection.codes)]
    : [...new Set(input.segments.map((s) => s.code))].sort();
  const codeIndex = new Map(codes.map((c, i) => [c, i]));
  const D = documents.length;

  // Raw pairs per cell and coder, then sorted and merged.
  const cells = new Map<number, number[][]>();
  for (const s of input.segments) {
    const k = codeIndex.get(s.code);
    const d = documentIndex.get(s.document);
    const c = coderIndex.get(s.coder);
    if (k === undefined || d === undefined || c === undefined) continue;
    const length = documents[d]!.length;
    const start = Math.max(0, Math.min(length, Math.floor(s.start)));
    const end = Math.max(0, Math.min(length, Math.floor(s.end)));
    if (!(end > start)) continue;
    const key = cellKey(k, d, D);
    let cell = cells.get(key);
    if (!cell) {
      cell = coders.map(() => []);
      cells.set(key, cell);
    }
    cell[c]!.push(start, end);
  }
  for (const cell of cells.values()) {
    for (let c = 0; c < cell.length; c++) cell[c] = mergeOverlapping(cell[c]!);
  }
  return { coders, codes, documents, cells };
}

/** Sort flat `[start, end, …]` pairs and merge those that overlap (touching ones stay apart). */
export function mergeOverlapping(flat: readonly number[]): number[] {
  const n = flat.length / 2;
  if (n <= 1) return [...flat];
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => flat[2 * a]! - flat[2 * b]! || flat[2 * a + 1]! - flat[2 * b + 1]!);
  const out: number[] = [];
  for (const i of order) {
    const start = flat[2 * i]!;
    const end = flat[2 * i + 1]!;
    const last = out.length - 1;
    if (last > 0 && start < out[last]!) out[last] = Math.max(out[last]!, end);
    else out.push(start, end);
  }
  return out;
}
