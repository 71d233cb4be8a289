import { renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The order in which choosing a PDF asks the core for things: its bytes first (openAhead), its
// text and highlights after them, or after a short wait when the bytes are slow. The core and
// pdf.js are stand-ins here; what is tested is the hook's sequencing.
const calls: string[] = [];
vi.mock('../../renderer/src/notebook-client.ts', () => ({
  call: vi.fn(async (method: string, input: { id?: string; documentId?: string }) => {
    calls.push(method);
    if (method === 'listDocuments')
      return [
        { id: 'doc_pdf', title: 'A paper', pageCount: 3 },
        { id: 'doc_text', title: 'An article' },
      ];
    if (method === 'getDocument') return { id: input.id, title: 'x', text: '', blocks: [] };
    if (method === 'listTags' || method === 'listAnnotations') return [];
    return {};
  }),
}));
const warmPdfJs = vi.fn();
vi.mock('../../renderer/src/pdf/pdf-engine.ts', () => ({ warmPdfJs }));
let releaseBytes = () => {};
const openAhead = vi.fn(
  (_id: string) =>
    new Promise<void>((resolve) => {
      releaseBytes = resolve;
    }),
);
vi.mock('../../renderer/src/pdf/pdf-open.ts', () => ({ openAhead }));

const { useNotebook } = await import('../../renderer/src/use-notebook.ts');

// Stable, as App's is: the hook's effects depend on it.
const onError = (error: unknown) => {
  throw error;
};

function open(documentId: string) {
  localStorage.setItem('marginalia.lastDocument', documentId);
  return renderHook(() => useNotebook(onError));
}

describe('choosing a PDF', () => {
  beforeEach(() => {
    calls.length = 0;
    openAhead.mockClear();
    warmPdfJs.mockClear();
    (window as unknown as { notebook: unknown }).notebook = { onEvent: () => () => {} };
  });

  it("asks for the PDF's text and highlights once its bytes are in hand", async () => {
    const hook = open('doc_pdf');
    await waitFor(() => expect(openAhead).toHaveBeenCalledWith('doc_pdf'));
    // Give the hook every chance to ask too early.
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).not.toContain('getDocument');
    releaseBytes();
    await waitFor(() => expect(hook.result.current.document?.id).toBe('doc_pdf'));
    expect(calls).toContain('listAnnotations');
  });

  it('does not hold the text back long for bytes that are slow to come', async () => {
    const hook = open('doc_pdf');
    await waitFor(() => expect(openAhead).toHaveBeenCalled());
    // The bytes never come; the text is asked for all the same, within a fraction of a second.
    await waitFor(() => expect(hook.result.current.document?.id).toBe('doc_pdf'), {
      timeout: 2000,
    });
  });

  it('tells pdf.js whether the library holds a PDF only once the library is listed', async () => {
    // Before the list comes there is no list, not an empty one: pdf.js's worker, started at
    // start-up for a library that held PDFs last time, must not be stopped by the first render.
    const hook = open('doc_text');
    await waitFor(() => expect(hook.result.current.documents).not.toBeNull());
    await waitFor(() => expect(warmPdfJs).toHaveBeenCalled());
    expect(warmPdfJs.mock.calls).toEqual([[true]]);
  });

  it('asks for an article at once: nothing to wait for', async () => {
    const hook = open('doc_text');
    await waitFor(() => expect(hook.result.current.document?.id).toBe('doc_text'));
    expect(openAhead).not.toHaveBeenCalled();
  });
});
