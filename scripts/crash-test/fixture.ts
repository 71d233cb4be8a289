import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mulberry32, type Random } from '../../bench/search/random.ts';
import { contentHash } from '../../electron/notebook/content-hash.ts';
import { STORE_FILE } from '../../electron/notebook/data-dir.ts';
import { snapshotParts, writeSnapshot } from '../../electron/notebook/store/snapshot.ts';
import { describeRange } from '../../shared/anchoring/describe.ts';
import { HIGHLIGHT_COLORS } from '../../shared/colors.ts';
import {
  type Annotation,
  emptyStore,
  type Note,
  type NotebookDocument,
  type StoreData,
  storeDataSchema,
  type Tag,
} from '../../shared/model.ts';
import { paragraphsFromPlainText } from '../../shared/text/plain-text.ts';

const WORDS = (
  'the of and to in a is that for on with as by at from this be are was it or an not which ' +
  'province talks officials ministry border withdrawal agreement report source council envoy ' +
  'security militia airfield convoy treaty ceasefire delegation minister spokesman statement ' +
  'Kābul Hérat Kandahār Ghaznī Bāmiyān Zürich Łódź Gdańsk Québec Tromsø Reykjavík Malmö'
).split(' ');

function words(random: Random, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(random.pick(WORDS));
  return out.join(' ');
}

function paragraphs(random: Random, chars: number): string {
  const out: string[] = [];
  let length = 0;
  while (length < chars) {
    const p = `${words(random, random.int(30, 90))}.`;
    out.push(p[0]!.toUpperCase() + p.slice(1));
    length += p.length + 2;
  }
  return out.join('\n\n');
}

/** How `items` records are shared out: mostly highlights and notes, as in a real notebook. */
export function shares(items: number, documentCount?: number) {
  const documents = documentCount ?? Math.max(1, Math.round(items / 250));
  const tags = Math.max(2, Math.round(items * 0.04));
  const notes = Math.max(1, Math.round(items * 0.3));
  const annotations = Math.max(1, items - documents - tags - notes);
  return { documents, tags, notes, annotations };
}

/**
 * A valid store of `items` records (documents with text, highlights spread over them with real
 * quotes and tags, notes, a two-level codebook), built directly, deterministic for a seed.
 */
export function buildStore(
  items: number,
  seed: number,
  /** A fixed number of documents of about this many characters each (the "heavy" notebook). */
  heavy?: { documents: number; documentChars: number },
): StoreData {
  const random = mulberry32(seed);
  const count = shares(items, heavy?.documents);
  const at = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
  const data = emptyStore();
  data.meta.seeded = true;

  for (let i = 0; i < count.documents; i++) {
    const chars = heavy ? heavy.documentChars : random.int(4000, 12_000);
    const { text, blocks } = paragraphsFromPlainText(paragraphs(random, chars));
    const document: NotebookDocument = {
      id: `doc_fixture_${i}`,
      title: `Fixture document ${i}: ${words(random, 5)}`,
      author: words(random, 2),
      source: 'crash-test fixture',
      url: `https://example.org/fixture/${i}`,
      publishedDate: '2025-09-21',
      importedAt: at(i),
      updatedAt: at(i),
      contentHash: contentHash(text),
      text,
      blocks,
      marks: [],
    };
    data.documents.push(document);
  }

  const categories = Math.max(1, Math.round(count.tags / 20));
  for (let i = 0; i < count.tags; i++) {
    const top = i < categories;
    const tag: Tag = {
      id: `tag_fixture_${i}`,
      name: top ? `category ${i}` : `category ${i % categories}/topic ${i}`,
      color: random.pick(HIGHLIGHT_COLORS),
      description: random.chance(0.3) ? words(random, 8) : '',
      createdAt: at(i),
      updatedAt: at(i),
    };
    data.tags.push(tag);
  }
  const someTags = () => [
    ...new Set(Array.from({ length: random.int(0, 3) }, () => random.pick(data.tags).id)),
  ];

  for (let i = 0; i < count.annotations; i++) {
    const document = random.pick(data.documents);
    let start = 0;
    let end = 0;
    do {
      start = random.int(0, document.text.length - 2);
      end = Math.min(document.text.length, start + random.int(5, 200));
    } while (document.text.slice(start, end).trim() === '');
    const { position, quote } = describeRange(document.text, start, end);
    const annotation: Annotation = {
      id: `ann_fixture_${i}`,
      documentId: document.id,
      target: { documentId: document.id, position, quote },
      color: random.pick(HIGHLIGHT_COLORS),
      tagIds: someTags(),
      comment: random.chance(0.4) ? words(random, random.int(3, 30)) : '',
      createdAt: at(i),
      updatedAt: at(i),
    };
    data.annotations.push(annotation);
  }

  for (let i = 0; i < count.notes; i++) {
    const note: Note = {
      id: `note_fixture_${i}`,
      title: `Fixture note ${i}`,
      body: paragraphs(random, random.int(100, 800)),
      tagIds: someTags(),
      annotationIds: [],
      documentId: random.chance(0.5) ? random.pick(data.documents).id : null,
      createdAt: at(i),
      updatedAt: at(i),
    };
    data.notes.push(note);
  }
  return storeDataSchema.parse(data);
}

/**
 * Write the store into a new data folder, as a closed notebook leaves it: a sealed snapshot and
 * no journal (`layout: 'snapshot'`), or one whole JSON file as schema 2 wrote it (`'v2-file'`,
 * the design before the journal, for benchmarks and the migration).
 */
export async function writeStore(
  dataDir: string,
  data: StoreData,
  layout: 'snapshot' | 'v2-file' = 'snapshot',
): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, STORE_FILE);
  if (layout === 'snapshot')
    await writeSnapshot(path, snapshotParts(data), { generation: 1, sequence: 0 });
  else await writeFile(path, `${JSON.stringify({ ...data, schemaVersion: 2 }, null, 1)}\n`);
  return path;
}
