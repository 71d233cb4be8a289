import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../electron/notebook/data-dir.ts';
import { type Notebook, openNotebook } from '../../electron/notebook/notebook.ts';
import type { MethodInput } from '../../shared/contract.ts';
import type { NotebookDocument } from '../../shared/model.ts';
import { speakerOfTag, speakerTagName } from '../../shared/quotes/speaker-tags.ts';
import { RESOURCES_DIR, tempDirs } from './temp-dir.ts';

// The quote finder's service through a real notebook on disk. The finder itself is tested on its
// own; these tests build candidates from the text (or take any the finder gives) and check what
// the service does with them, so they hold whichever speakers the finder credits.

const tempDir = tempDirs();
const opened: Notebook[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((n) => n.close().catch(() => {})));
});

/** Words of the sample article inside quotation marks, which any finder proposes. */
const MUJAHID = 'we are ready to fight you for the next 20 years';
const FITRAT = "A deal over even an inch of Afghanistan's soil is not possible";
const JALALI = 'never accepted foreign troops in their territory';

async function open(dataDir?: string) {
  const dir = dataDir ?? (await tempDir());
  const notebook = await openNotebook({
    dataDir: dir,
    resourcesDir: RESOURCES_DIR,
    store: { writeDelayMs: 0 },
  });
  opened.push(notebook);
  const [summary] = await notebook.handlers.listDocuments({});
  const doc = await notebook.handlers.getDocument({ id: summary!.id });
  return { notebook, doc, dataDir: dir, h: notebook.handlers };
}

/** A span of the document's text, as the finder (or the page, after a correction) sends it. */
function span(doc: NotebookDocument, words: string, speaker: string | null, role?: string) {
  const start = doc.text.indexOf(words);
  if (start < 0) throw new Error(`not in the text: ${words}`);
  return { start, end: start + words.length, speaker, role: role ?? null };
}

const tagNamed = (notebook: Notebook, name: string) =>
  notebook.store.data.tags.find((t) => t.name.toLowerCase() === name.toLowerCase());

describe('findQuotes', () => {
  it('proposes quotations of the sample article whose offsets select their words', async () => {
    const { h, doc } = await open();
    const found = await h.findQuotes({ documentId: doc.id });
    expect(found.documentId).toBe(doc.id);
    expect(found.suggestions.length).toBeGreaterThan(0);
    for (const s of found.suggestions) {
      expect(s.text).toBe(doc.text.slice(s.start, s.end));
      expect(s.text.trim()).not.toBe('');
      expect(s.open).toBeLessThan(s.start);
      expect(s.close).toBeGreaterThanOrEqual(s.end);
      expect(['direct', 'partial', 'scare']).toContain(s.kind);
      expect(s).toMatchObject({ status: 'open', annotationId: null });
    }
    // A plain `"…," Mujahid said.` quotation is among them.
    expect(found.suggestions.some((s) => s.text.includes(MUJAHID))).toBe(true);
    expect(found.knownSpeakers).toEqual([]);
  });

  it('refuses an unknown document', async () => {
    const { notebook } = await open();
    expect(await notebook.dispatch('findQuotes', { documentId: 'doc_missing' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('doc_missing') },
    });
  });
});

describe('acceptQuotes', () => {
  it('counts a quotation accepted with a narrower span as accepted, so it is not offered twice', async () => {
    const { h, doc } = await open();
    const before = await h.findQuotes({ documentId: doc.id });
    const jalali = before.suggestions.find((s) => s.text === JALALI)!;
    // A few words of it, less than half, as "Use current selection" might send.
    const narrow = span(doc, 'foreign troops', 'Zakir Jalali');
    const { annotations } = await h.acceptQuotes({
      documentId: doc.id,
      quotes: [narrow],
      color: 'yellow',
    });
    const after = await h.findQuotes({ documentId: doc.id });
    expect(after.suggestions.find((s) => s.start === jalali.start)).toMatchObject({
      status: 'accepted',
      annotationId: annotations[0]!.id,
    });
    // A plain highlight over the same words (no `quote` tag) does not count.
    await h.undoAcceptQuotes({ annotationIds: [annotations[0]!.id], tagIds: [] });
    await h.createAnnotation({
      documentId: doc.id,
      start: narrow.start,
      end: narrow.end,
      color: 'green',
    });
    const plain = await h.findQuotes({ documentId: doc.id });
    expect(plain.suggestions.find((s) => s.start === jalali.start)?.status).toBe('open');
  });

  it('makes highlights tagged quote and speaker/<Name>, the role on a new speaker tag', async () => {
    const { notebook, h, doc } = await open();
    // The span the finder proposes, with the speaker as the page sends it (found or corrected).
    const candidate = (await h.findQuotes({ documentId: doc.id })).suggestions.find((s) =>
      s.text.includes(MUJAHID),
    )!;
    const { annotations, createdTagIds } = await h.acceptQuotes({
      documentId: doc.id,
      color: 'pink',
      quotes: [
        {
          start: candidate.start,
          end: candidate.end,
          speaker: 'Mohammad Yaqoob Mujahid',
          role: 'Defense Minister',
        },
        span(doc, FITRAT, 'Qari Fasihuddin Fitrat', 'Chief of Staff'),
        span(doc, 'even an inch', null),
      ],
    });
    expect(annotations).toHaveLength(3);
    const quote = tagNamed(notebook, 'quote')!;
    const mujahid = tagNamed(notebook, 'speaker/Mohammad Yaqoob Mujahid')!;
    expect(mujahid.description).toBe('Defense Minister');
    expect(tagNamed(notebook, 'speaker/Qari Fasihuddin Fitrat')!.description).toBe(
      'Chief of Staff',
    );
    expect(createdTagIds.sort()).toEqual(
      [
        quote.id,
        mujahid.id,
        tagNamed(notebook, 'speaker')!.id,
        tagNamed(notebook, 'speaker/Qari Fasihuddin Fitrat')!.id,
      ].sort(),
    );
    const [first, , unattributed] = annotations;
    expect(first).toMatchObject({ color: 'pink', comment: '', tagIds: [quote.id, mujahid.id] });
    expect(first!.target.quote!.exact).toBe(candidate.text);
    expect(unattributed!.tagIds).toEqual([quote.id]);
    expect(await h.listAnnotations({ documentId: doc.id })).toHaveLength(3);

    // The finder now shows them accepted, with the highlight that covers each.
    const found = await h.findQuotes({ documentId: doc.id });
    const accepted = found.suggestions.find((s) => s.start === candidate.start)!;
    expect(accepted).toMatchObject({ status: 'accepted', annotationId: first!.id });
    expect(found.knownSpeakers).toEqual(['Mohammad Yaqoob Mujahid', 'Qari Fasihuddin Fitrat']);
  });

  it('leaves a quotation open under a plain highlight, and makes one highlight of a span accepted twice', async () => {
    const { notebook, h, doc } = await open();
    const { suggestions } = await h.findQuotes({ documentId: doc.id });
    const target = suggestions.find((s) => s.text.includes(MUJAHID))!;
    // The researcher highlighted the whole paragraph before finding quotes: who said it is
    // still to be accepted.
    const paragraphStart = doc.text.lastIndexOf('\n', target.open) + 1;
    const paragraphEnd = doc.text.indexOf('\n', target.close);
    const plain = await h.createAnnotation({
      documentId: doc.id,
      start: paragraphStart,
      end: paragraphEnd < 0 ? doc.text.length : paragraphEnd,
      color: 'green',
    });
    const before = await h.findQuotes({ documentId: doc.id });
    expect(before.suggestions.find((s) => s.start === target.start)).toMatchObject({
      status: 'open',
      annotationId: null,
    });
    // A double click on Accept: the second call adds nothing.
    const quote = { start: target.start, end: target.end, speaker: 'Mujahid', role: null };
    const first = await h.acceptQuotes({
      documentId: doc.id,
      quotes: [quote, quote],
      color: 'yellow',
    });
    expect(first.annotations).toHaveLength(1);
    const revision = notebook.store.revision;
    expect(await h.acceptQuotes({ documentId: doc.id, quotes: [quote], color: 'yellow' })).toEqual({
      annotations: [],
      createdTagIds: [],
    });
    expect(notebook.store.revision).toBe(revision);
    expect(notebook.store.data.annotations.map((a) => a.id).sort()).toEqual(
      [plain.id, first.annotations[0]!.id].sort(),
    );
  });

  it('accepts the finder’s own candidates as they come', async () => {
    const { h, doc } = await open();
    const { suggestions } = await h.findQuotes({ documentId: doc.id });
    const quotes = suggestions.map(({ start, end, speaker, role }) => ({
      start,
      end,
      speaker,
      role,
    }));
    const { annotations } = await h.acceptQuotes({ color: 'yellow', documentId: doc.id, quotes });
    expect(annotations.map((a) => a.target.quote!.exact)).toEqual(suggestions.map((s) => s.text));
    const after = await h.findQuotes({ documentId: doc.id });
    expect(after.suggestions.every((s) => s.status === 'accepted')).toBe(true);
  });

  it('reuses an existing speaker tag, keeping its description, and nests nothing for a /', async () => {
    const { notebook, h, doc, dataDir } = await open();
    const existing = await h.createTag({ name: 'Speaker/Zakir Jalali' });
    await h.updateTag({ id: existing.id, description: 'Foreign Ministry' });
    const { createdTagIds } = await h.acceptQuotes({
      color: 'yellow',
      documentId: doc.id,
      quotes: [
        span(doc, JALALI, 'Zakir Jalali', 'political director'),
        span(doc, MUJAHID, 'AC/DC', 'band'),
      ],
    });
    expect(createdTagIds).not.toContain(existing.id);
    expect(tagNamed(notebook, 'speaker/Zakir Jalali')!.description).toBe('Foreign Ministry');
    // One level under speaker/, not speaker/AC/DC.
    expect(tagNamed(notebook, 'speaker/AC')).toBeUndefined();
    const band = tagNamed(notebook, speakerTagName('AC/DC'))!;
    expect(band.name.split('/')).toHaveLength(2);
    expect(speakerOfTag(band)).toBe('AC/DC');
    expect(band.description).toBe('band');
    const speakers = await h.listSpeakers({});
    expect(speakers.map((s) => s.name).sort()).toEqual(['AC/DC', 'Zakir Jalali']);

    // What the accept stored passes the store's schema: it all opens again, nothing set aside.
    const { tags, annotations } = structuredClone(notebook.store.data);
    await notebook.close();
    opened.splice(opened.indexOf(notebook), 1);
    const again = await open(dataDir);
    expect((await again.h.getInfo({})).quarantine).toEqual([]);
    expect(again.notebook.store.data.tags).toEqual(tags);
    expect(again.notebook.store.data.annotations).toEqual(annotations);
  });

  it('notes the first role given for a speaker it creates', async () => {
    const { notebook, h, doc } = await open();
    await h.acceptQuotes({
      color: 'yellow',
      documentId: doc.id,
      quotes: [span(doc, MUJAHID, 'Mujahid'), span(doc, 'even an inch', 'Mujahid', 'minister')],
    });
    expect(tagNamed(notebook, 'speaker/Mujahid')!.description).toBe('minister');
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const { notebook, doc, dataDir } = await open();
    await notebook.store.flush();
    const path = join(dataDir, STORE_FILE);
    const before = await readFile(path, 'utf8');
    const revision = notebook.store.revision;
    const events: unknown[] = [];
    notebook.subscribe((e) => events.push(e));
    const good = span(doc, MUJAHID, 'Mujahid');
    const newline = doc.text.indexOf('\n');
    const cases: [MethodInput<'acceptQuotes'>, string, RegExp][] = [
      [
        // One good quote and one outside the text: neither goes in.
        {
          documentId: doc.id,
          quotes: [good, { start: 0, end: doc.text.length + 5, speaker: null, role: null }],
          color: 'yellow',
        },
        'invalid-input',
        /outside the document/,
      ],
      [{ documentId: 'doc_missing', quotes: [good], color: 'yellow' }, 'not-found', /doc_missing/],
      [
        {
          documentId: doc.id,
          quotes: [good, { start: newline, end: newline + 1, speaker: null, role: null }],
          color: 'yellow',
        },
        'invalid-input',
        /white space/,
      ],
      [
        // A name the codebook cannot hold as `speaker/<Name>` (over 200 characters with it).
        {
          documentId: doc.id,
          quotes: [good, { ...good, speaker: 'N'.repeat(195) }],
          color: 'yellow',
        },
        'invalid-input',
        /speaker.*cannot be a tag/,
      ],
    ];
    for (const [payload, code, message] of cases) {
      const result = await notebook.dispatch('acceptQuotes', payload);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(code);
        expect(result.error.message).toMatch(message);
      }
    }
    for (const [method, payload] of [
      ['dismissQuotes', { documentId: 'doc_missing', quotes: [{ start: 0, text: 'x' }] }],
      ['undismissQuotes', { documentId: 'doc_missing', texts: ['x'] }],
    ] as const) {
      expect(await notebook.dispatch(method, payload)).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
    }
    expect(notebook.store.revision).toBe(revision);
    expect(events).toEqual([]);
    expect(notebook.store.data.tags).toEqual([]);
    await notebook.store.flush();
    expect(await readFile(path, 'utf8')).toBe(before);
  });
});

describe('undoAcceptQuotes', () => {
  it('takes back the highlights and the tags it created', async () => {
    const { notebook, h, doc } = await open();
    const own = await h.createTag({ name: 'threat' });
    const accepted = await h.acceptQuotes({
      color: 'yellow',
      documentId: doc.id,
      quotes: [span(doc, MUJAHID, 'Mujahid', 'minister'), span(doc, FITRAT, 'Fitrat')],
    });
    const ids = accepted.annotations.map((a) => a.id);
    expect(
      await h.undoAcceptQuotes({ annotationIds: ids, tagIds: accepted.createdTagIds }),
    ).toEqual({
      removed: 2,
      kept: 0,
    });
    expect(notebook.store.data.annotations).toEqual([]);
    expect(notebook.store.data.tags.map((t) => t.id)).toEqual([own.id]);

    // Undone twice, or with a tag it did not create: nothing more happens.
    const revision = notebook.store.revision;
    expect(await h.undoAcceptQuotes({ annotationIds: ids, tagIds: [own.id] })).toEqual({
      removed: 0,
      kept: 0,
    });
    expect(notebook.store.revision).toBe(revision);
    expect(tagNamed(notebook, 'threat')).toBeDefined();
  });

  it('keeps a highlight edited since, and the tags it still uses', async () => {
    const { notebook, h, doc } = await open();
    const accepted = await h.acceptQuotes({
      color: 'yellow',
      documentId: doc.id,
      quotes: [
        span(doc, MUJAHID, 'Mujahid'),
        span(doc, FITRAT, 'Fitrat'),
        span(doc, JALALI, 'Jalali'),
        span(doc, 'even an inch', 'Trump'),
      ],
    });
    const [mujahid, fitrat, jalali] = accepted.annotations;
    // Edited at once (the same millisecond as the accept, possibly), retagged in bulk (which
    // does not touch updatedAt), and cited by a note: all three are the researcher's work now.
    await h.updateAnnotation({ id: mujahid!.id, color: 'green' });
    const threat = await h.createTag({ name: 'threat' });
    await h.retagAnnotations({
      annotationIds: [fitrat!.id],
      addTagIds: [threat.id],
      removeTagIds: [],
    });
    await h.createNoteFromQuote({ annotationId: jalali!.id });

    const result = await h.undoAcceptQuotes({
      annotationIds: accepted.annotations.map((a) => a.id),
      tagIds: accepted.createdTagIds,
    });
    expect(result).toEqual({ removed: 1, kept: 3 });
    expect(notebook.store.data.annotations.map((a) => a.id).sort()).toEqual(
      [mujahid!.id, fitrat!.id, jalali!.id].sort(),
    );
    // `quote` and the kept speakers stay; the speaker of the removed highlight goes.
    expect(tagNamed(notebook, 'quote')).toBeDefined();
    expect(tagNamed(notebook, 'speaker')).toBeDefined();
    expect(tagNamed(notebook, 'speaker/Mujahid')).toBeDefined();
    expect(tagNamed(notebook, 'speaker/Trump')).toBeUndefined();
  });

  it('takes back only what an accept made: not a highlight of the researcher’s own', async () => {
    const { notebook, h, doc } = await open();
    const own = await h.createAnnotation({
      documentId: doc.id,
      ...span(doc, MUJAHID, null),
      color: 'green',
    });
    const revision = notebook.store.revision;
    expect(await h.undoAcceptQuotes({ annotationIds: [own.id], tagIds: [] })).toEqual({
      removed: 0,
      kept: 1,
    });
    expect(notebook.store.revision).toBe(revision);
    expect(notebook.store.data.annotations.map((a) => a.id)).toEqual([own.id]);
  });

  it('leaves a `quote` tag that was there before', async () => {
    const { notebook, h, doc } = await open();
    const quote = await h.createTag({ name: 'Quote' });
    const accepted = await h.acceptQuotes({
      color: 'yellow',
      documentId: doc.id,
      quotes: [span(doc, FITRAT, null)],
    });
    expect(accepted.annotations[0]!.tagIds).toEqual([quote.id]);
    expect(accepted.createdTagIds).toEqual([]);
    await h.undoAcceptQuotes({ annotationIds: [accepted.annotations[0]!.id], tagIds: [] });
    expect(notebook.store.data.tags.map((t) => t.id)).toEqual([quote.id]);
  });
});

describe('dismissQuotes and undismissQuotes', () => {
  it('remembers a dismissal on the document, across reopening the store', async () => {
    const first = await open();
    const { suggestions } = await first.h.findQuotes({ documentId: first.doc.id });
    const target = suggestions.find((s) => s.text.includes(MUJAHID))!;
    await first.h.dismissQuotes({
      documentId: first.doc.id,
      quotes: [
        { start: target.start, text: target.text },
        { start: target.start, text: target.text },
      ],
    });
    const after = await first.h.findQuotes({ documentId: first.doc.id });
    expect(after.suggestions.find((s) => s.start === target.start)).toMatchObject({
      status: 'dismissed',
      annotationId: null,
    });
    expect(after.suggestions.filter((s) => s.status === 'dismissed')).toHaveLength(1);
    // Dismissing it again, or words the finder does not propose here, writes nothing.
    const revision = first.notebook.store.revision;
    await first.h.dismissQuotes({
      documentId: first.doc.id,
      quotes: [{ start: 0, text: 'words that are not a quotation of this document' }],
    });
    await first.h.dismissQuotes({
      documentId: first.doc.id,
      quotes: [{ start: target.start, text: target.text }],
    });
    expect(first.notebook.store.revision).toBe(revision);
    await first.notebook.close();
    opened.splice(opened.indexOf(first.notebook), 1);

    const again = await open(first.dataDir);
    expect(again.doc.dismissedQuotes).toEqual([{ start: target.start, text: target.text }]);
    const reopened = await again.h.findQuotes({ documentId: again.doc.id });
    expect(reopened.suggestions.find((s) => s.start === target.start)?.status).toBe('dismissed');

    await again.h.undismissQuotes({ documentId: again.doc.id, texts: [target.text] });
    const back = await again.h.findQuotes({ documentId: again.doc.id });
    expect(back.suggestions.find((s) => s.start === target.start)?.status).toBe('open');
    expect((await again.h.getDocument({ id: again.doc.id })).dismissedQuotes).toEqual([]);
  });
});

describe('listSpeakers', () => {
  it('groups a speaker’s quotes across documents, most quoted first', async () => {
    const { h, doc } = await open();
    const report = await h.importText({
      jobId: 'second',
      text: 'A second report\n\n"We will not give up the base," Zakir Jalali said on Monday.',
      html: '',
    });
    const item = report.items[0]!;
    if (item.status !== 'imported') throw new Error(`not imported: ${item.status}`);
    const second = await h.getDocument({ id: item.documentId });
    await h.acceptQuotes({
      color: 'yellow',
      documentId: doc.id,
      quotes: [
        span(doc, JALALI, 'Zakir Jalali', 'political director'),
        span(doc, MUJAHID, 'Mujahid'),
      ],
    });
    await h.acceptQuotes({
      color: 'yellow',
      documentId: second.id,
      quotes: [span(second, 'We will not give up the base', 'Zakir Jalali')],
    });
    const speakers = await h.listSpeakers({});
    expect(speakers.map((s) => [s.name, s.documentCount, s.quotes.length, s.role])).toEqual([
      ['Zakir Jalali', 2, 2, 'political director'],
      ['Mujahid', 1, 1, ''],
    ]);
    const jalali = speakers[0]!;
    expect(jalali.quotes.map((q) => q.documentId).sort()).toEqual([doc.id, second.id].sort());
    expect(jalali.quotes.map((q) => q.exact).sort()).toEqual(
      [JALALI, 'We will not give up the base'].sort(),
    );
    for (const q of jalali.quotes)
      expect(q.documentTitle).toBe(q.documentId === doc.id ? doc.title : second.title);
  });
});
