import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// pdf.js itself is not loaded here: what is tested is which opened PDF the reader gets, and
// when one is closed. Each opening is a fresh object with a destroy() to count.
const opened: { id: string; destroy: ReturnType<typeof vi.fn> }[] = [];
/** Openings held at their bytes until the test lets them go (by document id). */
const held = new Map<string, { bytes: () => void; fail: (error: Error) => void }>();
vi.mock('../../renderer/src/pdf/pdf-engine.ts', () => ({
  PdfUrlUnavailable: class extends Error {},
  openPdf: vi.fn(async (source: { url: string }, onBytes?: () => void) => {
    const id = source.url.split('/').at(-1)!;
    if (id.startsWith('held_'))
      await new Promise<void>((resolve, reject) => held.set(id, { bytes: resolve, fail: reject }));
    onBytes?.();
    const entry = { id, destroy: vi.fn(async () => {}) };
    opened.push(entry);
    return { task: { destroy: entry.destroy }, document: { entry } };
  }),
}));
vi.mock('../../renderer/src/notebook-client.ts', () => ({ call: vi.fn() }));

const { KEEP_MS, openAhead } = await import('../../renderer/src/pdf/pdf-open.ts');
const { usePdfDocument } = await import('../../renderer/src/pdf/use-pdf-document.ts');

/** A reader of `id` opened, its PDF ready; `close` unmounts it. */
async function read(id: string) {
  const hook = renderHook(() => usePdfDocument(id));
  await waitFor(() => expect(hook.result.current.state).toBe('ready'));
  const load = hook.result.current as { pdf: unknown };
  return { pdf: load.pdf, close: () => hook.unmount() };
}

describe('PDFs opened for the reader', () => {
  beforeEach(() => {
    opened.length = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps the PDF read last open: going back to it opens nothing again', async () => {
    const first = await read('doc_a');
    first.close();
    const again = await read('doc_a');
    expect(again.pdf).toBe(first.pdf);
    expect(opened.map((o) => o.id)).toEqual(['doc_a']);
    expect(opened[0]!.destroy).not.toHaveBeenCalled();
    again.close();
  });

  it('keeps one only: closing another PDF closes the one kept before', async () => {
    const a = await read('doc_b1');
    a.close();
    const b = await read('doc_b2');
    b.close();
    expect(opened.map((o) => o.id)).toEqual(['doc_b1', 'doc_b2']);
    expect(opened[0]!.destroy).toHaveBeenCalledTimes(1);
    expect(opened[1]!.destroy).not.toHaveBeenCalled();
    // The kept one also serves a choice in the library (openAhead), not only the reader.
    openAhead('doc_b2');
    const back = await read('doc_b2');
    expect(opened).toHaveLength(2);
    back.close();
  });

  it('says when the bytes of a PDF opened ahead are in hand, so its text can follow them', async () => {
    const settled = (promise: Promise<void>) => {
      const state = { done: false };
      void promise.then(() => {
        state.done = true;
      });
      return state;
    };
    const slow = settled(openAhead('held_1'));
    await waitFor(() => expect(held.has('held_1')).toBe(true));
    expect(slow.done).toBe(false);
    held.get('held_1')!.bytes();
    await waitFor(() => expect(slow.done).toBe(true));
    // Asked again for the same PDF: the same answer, not a second opening.
    await openAhead('held_1');
    expect(opened.filter((o) => o.id === 'held_1')).toHaveLength(1);

    // A failed opening lets the text go too (the reader reports the failure).
    const failing = settled(openAhead('held_2'));
    await waitFor(() => expect(held.has('held_2')).toBe(true));
    held.get('held_2')!.fail(new Error('damaged'));
    await waitFor(() => expect(failing.done).toBe(true));

    // A PDF still open since it was read has its bytes already.
    const kept = await read('doc_kept');
    kept.close();
    await openAhead('doc_kept');
    expect(opened.filter((o) => o.id === 'doc_kept')).toHaveLength(1);
    (await read('doc_kept')).close();
  });

  it('closes the kept PDF once it has waited its time', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const c = await read('doc_c');
    c.close();
    vi.advanceTimersByTime(KEEP_MS + 1);
    const entry = opened.find((o) => o.id === 'doc_c')!;
    expect(entry.destroy).toHaveBeenCalledTimes(1);
    const reopened = await read('doc_c');
    expect(reopened.pdf).not.toBe(c.pdf);
    reopened.close();
  });
});
