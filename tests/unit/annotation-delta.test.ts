import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAnnotationDelta, applyCountsDelta } from '../../shared/annotation-delta.ts';
import { compareByPosition } from '../../shared/annotations.ts';
import type { AnnotationDelta } from '../../shared/contract.ts';
import type { Annotation, DocumentSummary } from '../../shared/model.ts';
import { makeAnnotation } from '../component/fixtures.ts';

const delta = (change: Partial<AnnotationDelta>): AnnotationDelta => ({
  put: [],
  removed: [],
  counts: [],
  ...change,
});
const sorted = (list: readonly Annotation[]) => [...list].sort(compareByPosition);
const ids = (list: readonly Annotation[]) => list.map((a) => a.id);

describe('applyAnnotationDelta', () => {
  const list = sorted([
    makeAnnotation('a', 'alpha', { start: 0 }),
    makeAnnotation('b', 'beta', { start: 10 }),
    makeAnnotation('c', 'gamma', { start: 20 }),
  ]);

  it('inserts a new highlight where the list sorts it, after any at the same place', () => {
    const twin = makeAnnotation('b2', 'beta', { start: 10 });
    const next = applyAnnotationDelta(list, delta({ put: [twin] }), 'doc_1');
    expect(ids(next)).toEqual(['a', 'b', 'b2', 'c']);
    expect(ids(list)).toEqual(['a', 'b', 'c']);
  });

  it('replaces an edited highlight in place and moves a re-attached one', () => {
    const edited = { ...list[1]!, comment: 'new' };
    expect(applyAnnotationDelta(list, delta({ put: [edited] }), 'doc_1')[1]).toBe(edited);
    const moved = makeAnnotation('a', 'alpha', { start: 30 });
    expect(ids(applyAnnotationDelta(list, delta({ put: [moved] }), 'doc_1'))).toEqual([
      'b',
      'c',
      'a',
    ]);
  });

  it('removes, ignores other documents, and returns the same list when nothing of it changed', () => {
    const removed = applyAnnotationDelta(
      list,
      delta({ removed: [{ id: 'b', documentId: 'doc_1' }] }),
      'doc_1',
    );
    expect(ids(removed)).toEqual(['a', 'c']);
    const elsewhere = { ...makeAnnotation('x', 'other'), documentId: 'doc_2' };
    expect(applyAnnotationDelta(list, delta({ put: [elsewhere] }), 'doc_1')).toBe(list);
  });

  it('equals the sorted list the core would give, and applying a delta twice changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { maxLength: 30 }),
        fc.array(fc.nat(50), { maxLength: 5 }),
        fc.array(fc.nat(29), { maxLength: 5 }),
        (starts, added, removedAt) => {
          const all = starts.map((s, i) => makeAnnotation(`n${i}`, 'word', { start: s }));
          const shown = sorted(all);
          const put = added.map((s, i) => makeAnnotation(`new${i}`, 'word', { start: s }));
          const removed = [...new Set(removedAt)]
            .filter((i) => i < all.length)
            .map((i) => ({ id: all[i]!.id, documentId: 'doc_1' }));
          const d = delta({ put, removed });
          const once = applyAnnotationDelta(shown, d, 'doc_1');
          const gone = new Set(removed.map((r) => r.id));
          // The core's list: every highlight in store order (new ones last), stably sorted.
          const expected = sorted([...all.filter((a) => !gone.has(a.id)), ...put]);
          expect(ids(once)).toEqual(ids(expected));
          expect(ids(applyAnnotationDelta(once, d, 'doc_1'))).toEqual(ids(expected));
        },
      ),
    );
  });
});

describe('applyCountsDelta', () => {
  const doc = (id: string, annotationCount: number) =>
    ({ id, title: id, annotationCount, orphanCount: 0 }) as DocumentSummary;
  it('gives new objects only to the documents whose counts changed', () => {
    const docs = [doc('d1', 1), doc('d2', 5)];
    const next = applyCountsDelta(
      docs,
      delta({ counts: [{ documentId: 'd2', annotationCount: 6, orphanCount: 1 }] }),
    );
    expect(next[0]).toBe(docs[0]);
    expect(next[1]).toMatchObject({ id: 'd2', annotationCount: 6, orphanCount: 1 });
    const same = applyCountsDelta(
      docs,
      delta({ counts: [{ documentId: 'd1', annotationCount: 1, orphanCount: 0 }] }),
    );
    expect(same).toBe(docs);
  });
});
