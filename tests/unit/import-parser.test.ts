import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createImportParser,
  type ImportParser,
  ParseCancelled,
} from '../../electron/notebook/import/import-parser.ts';
import { ImportProblem } from '../../electron/notebook/import/problems.ts';

// The worker runs from its TypeScript source, as in the end-to-end harness (Node 22 strips types).
const WORKER = resolve('electron/notebook/import/parse-worker.ts');
const encode = (text: string) => new TextEncoder().encode(text);
const bigPage = () =>
  encode(
    `<article>${'<p>Officials in Kabul rejected any suggestion that forces could return to Bagram Air Base, north of the capital.</p>\n'.repeat(40_000)}</article>`,
  );

describe('the import parser worker', () => {
  let parser: ImportParser | null = null;
  afterEach(() => parser?.close());

  it('parses files and pasted content in a worker thread, the same as in this thread', async () => {
    parser = createImportParser(WORKER);
    const inline = createImportParser(null);
    const file = {
      name: 'note.md',
      bytes: encode('# A note\n\nWith *emphasis* and a [link](https://example.org).'),
    };
    expect(await parser.parseFile(file)).toEqual(await inline.parseFile(file));
    const pasted = { text: 'Pasted', html: '<h2>Pasted</h2><p>With <b>bold</b>.</p>' };
    expect(await parser.parsePasted(pasted)).toEqual(await inline.parsePasted(pasted));
  });

  it('sends problems back as ImportProblems with their code', async () => {
    parser = createImportParser(WORKER);
    const failure = await parser
      .parseFile({ name: 'empty.txt', bytes: new Uint8Array() })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(ImportProblem);
    expect(failure).toMatchObject({ code: 'empty' });
  });

  it('stops a long parse at once on cancel, and parses the next file in a fresh worker', async () => {
    parser = createImportParser(WORKER);
    // A 4.5 MB page takes several seconds to parse: cancelled after a moment, it rejects rather
    // than resolving (a parse that had finished could not be cancelled any more).
    const long = parser.parseFile({ name: 'big.html', bytes: bigPage() });
    setTimeout(() => parser?.cancel(), 200);
    await expect(long).rejects.toBeInstanceOf(ParseCancelled);
    const next = await parser.parseFile({
      name: 'next.md',
      bytes: encode('# Next\n\nStill works.'),
    });
    expect(next.title).toBe('Next');
  });
});
