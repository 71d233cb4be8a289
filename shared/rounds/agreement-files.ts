import type { AgreementInput, CodedSegment } from '../agreement/types.ts';
import { isTextAnnotation } from '../annotations.ts';
import { plural } from '../format.ts';
import type { Coder, StoreData } from '../model.ts';
import { NotebookError } from '../result.ts';
import { normalizeTagName } from '../tags.ts';
import type { CodingFile } from './files.ts';

/**
 * Agreement from files alone (the command line's `agreement`): coders' coding files of one round,
 * or backups whose highlights carry their coder, as the agreement module's input. Documents are
 * identified by their text (`contentHash`) across files, codes by their path (ignoring case),
 * coders by their id. Each document is its own continuum of its text's length.
 */
export type AgreementSource =
  | { kind: 'coding'; file: string; coding: CodingFile }
  | { kind: 'backup'; file: string; data: StoreData };

export interface SourceDocument {
  contentHash: string;
  title: string;
  /** The text's length in UTF-16 units. */
  length: number;
}

export interface FilesAgreement {
  /** Documents keyed by contentHash, coders by id, codes by path. */
  input: AgreementInput;
  coders: (Coder & { file: string })[];
  /** The documents compared, in the first file's order. */
  documents: SourceDocument[];
  /** The codes to report (every code used, or those `--tag` selects), sorted. */
  codes: string[];
  /** The coding files' round, when there are coding files. */
  round: { id: string; name: string } | null;
  /** What was left out and why, for stderr. */
  notes: string[];
}

export interface FilesAgreementOptions {
  /** One document: its contentHash, a backup's id for it, or the start of its title. */
  doc?: string;
  /** One code and the codes below it. */
  tag?: string;
}

const fail = (message: string) => new NotebookError('invalid-input', message);
const codeKey = (name: string) => normalizeTagName(name).toLowerCase();
const quoted = (title: string) => `“${title || 'Untitled document'}”`;
const listed = (items: readonly string[], max = 5) =>
  items.length > max
    ? `${items.slice(0, max).join(', ')} and ${items.length - max} more`
    : items.join(', ');

interface Read {
  file: string;
  /** Documents by contentHash, with the backup's ids for them. */
  documents: Map<string, SourceDocument & { ids: string[] }>;
  coders: Coder[];
  segments: { coder: string; document: string; code: string; start: number; end: number }[];
}

function readCoding(source: Extract<AgreementSource, { kind: 'coding' }>): Read {
  const { coding, file } = source;
  const documents = new Map(
    coding.documents.map((d) => [d.contentHash, { ...d, ids: [] as string[] }] as const),
  );
  const segments = coding.highlights.flatMap((h) => {
    if (!documents.has(h.contentHash))
      throw fail(`${file} is damaged: it has a highlight on a document it does not list.`);
    return h.codes.map((code) => ({
      coder: coding.coder.id,
      document: h.contentHash,
      code,
      start: h.start,
      end: h.end,
    }));
  });
  return { file, documents, coders: [coding.coder], segments };
}

function readBackup(source: Extract<AgreementSource, { kind: 'backup' }>, notes: string[]): Read {
  const { data, file } = source;
  const documents = new Map<string, SourceDocument & { ids: string[] }>();
  const hashOf = new Map<string, string>();
  for (const d of data.documents) {
    hashOf.set(d.id, d.contentHash);
    const known = documents.get(d.contentHash);
    if (known) known.ids.push(d.id);
    else
      documents.set(d.contentHash, {
        contentHash: d.contentHash,
        title: d.title,
        length: d.text.length,
        ids: [d.id],
      });
  }
  const tagName = new Map(data.tags.map((t) => [t.id, t.name]));
  // A lead's backup: the coders are the layers collected in its latest round, not the notebook's
  // own highlights (the lead's and the consensus).
  const led = data.rounds
    .filter((r) => r.role === 'lead' && r.layers.length > 0)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  if (led) {
    notes.push(`${file}: the coders’ layers of the round “${led.name}” are compared.`);
    const segments = led.layers.flatMap((l) =>
      l.highlights.flatMap((h) => {
        const document = hashOf.get(h.documentId);
        return document === undefined
          ? []
          : h.tagIds.flatMap((id) => {
              const code = tagName.get(id);
              return code
                ? [{ coder: l.coder.id, document, code, start: h.start, end: h.end }]
                : [];
            });
      }),
    );
    return { file, documents, coders: led.layers.map((l) => l.coder), segments };
  }
  const coders = new Map<string, Coder>();
  const skipped = { coder: 0, area: 0, orphan: 0, consensus: 0 };
  const segments: Read['segments'] = [];
  for (const a of data.annotations) {
    if (a.consensus) skipped.consensus++;
    else if (!a.coder) skipped.coder++;
    else if (!isTextAnnotation(a)) skipped.area++;
    else if (a.orphan) skipped.orphan++;
    else {
      if (!coders.has(a.coder.id)) coders.set(a.coder.id, a.coder);
      const document = hashOf.get(a.documentId);
      if (document === undefined) continue;
      for (const id of a.tagIds) {
        const code = tagName.get(id);
        if (code)
          segments.push({
            coder: a.coder.id,
            document,
            code,
            start: a.target.position.start,
            end: a.target.position.end,
          });
      }
    }
  }
  if (skipped.coder)
    notes.push(
      `${file}: ${plural(skipped.coder, 'highlight')} without a coder (made before coder profiles, or by none) left out.`,
    );
  if (skipped.consensus)
    notes.push(`${file}: ${plural(skipped.consensus, 'consensus highlight')} left out.`);
  if (skipped.area)
    notes.push(`${file}: ${plural(skipped.area, 'area highlight')} (on a PDF page) left out.`);
  if (skipped.orphan)
    notes.push(
      `${file}: ${plural(skipped.orphan, 'unplaced highlight')} (its text changed) left out.`,
    );
  return { file, documents, coders: [...coders.values()], segments };
}

/**
 * The files as the agreement module's input. Fails (naming the files) when coding files belong to
 * different rounds, when two files give one text different lengths, when a coder is in two files,
 * and when fewer than two coders remain. Documents compared are those every file holds; with
 * backups only, those nobody coded are left out (unless `doc` names one).
 */
export function agreementFromFiles(
  sources: readonly AgreementSource[],
  options: FilesAgreementOptions = {},
): FilesAgreement {
  const notes: string[] = [];
  const codings = sources.filter((s) => s.kind === 'coding');
  const [first] = codings;
  const other = codings.find((s) => s.coding.round.id !== first?.coding.round.id);
  if (first && other)
    throw fail(
      `${first.file} and ${other.file} belong to different rounds (“${first.coding.round.name}” and “${other.coding.round.name}”); compare the coding files of one round.`,
    );
  const reads = sources.map((s) => (s.kind === 'coding' ? readCoding(s) : readBackup(s, notes)));

  // Coders: each once, across the files.
  const coders: FilesAgreement['coders'] = [];
  const fileOf = new Map<string, string>();
  for (const read of reads)
    for (const coder of read.coders) {
      const seen = fileOf.get(coder.id);
      if (seen !== undefined)
        throw fail(
          `${coder.name || coder.id} is a coder in two of the files (${seen} and ${read.file}); give each coder's coding once.`,
        );
      fileOf.set(coder.id, read.file);
      coders.push({ ...coder, file: read.file });
    }
  if (coders.length < 2)
    throw fail(
      `Agreement needs at least two coders; ${listed(reads.map((r) => r.file))} ${coders.length ? `hold only ${coders[0]!.name || coders[0]!.id}` : 'hold no coder'}.${notes.length ? ` ${notes.join(' ')}` : ''}`,
    );

  // Documents: by text; one text has one length.
  const lengths = new Map<string, { length: number; file: string }>();
  for (const read of reads)
    for (const doc of read.documents.values()) {
      const seen = lengths.get(doc.contentHash);
      if (!seen) lengths.set(doc.contentHash, { length: doc.length, file: read.file });
      else if (seen.length !== doc.length)
        throw fail(
          `${seen.file} and ${read.file} disagree on the length of ${quoted(doc.title)} (${seen.length} and ${doc.length} characters) though its text is the same; one of them is damaged.`,
        );
    }
  const everywhere = [...reads[0]!.documents.values()].filter((d) =>
    reads.every((r) => r.documents.has(d.contentHash)),
  );
  const partial = new Map<string, string>();
  for (const read of reads)
    for (const doc of read.documents.values())
      if (!reads.every((r) => r.documents.has(doc.contentHash)))
        partial.set(doc.contentHash, quoted(doc.title));
  if (partial.size)
    notes.push(
      `${plural(partial.size, 'document')} not in every file left out: ${listed([...partial.values()])}.`,
    );
  const titled = (doc: SourceDocument & { ids: string[] }) => ({
    ...doc,
    title:
      doc.title || reads.map((r) => r.documents.get(doc.contentHash)?.title).find(Boolean) || '',
    ids: reads.flatMap((r) => r.documents.get(doc.contentHash)?.ids ?? []),
  });
  let documents = everywhere.map(titled);
  if (documents.length === 0) throw fail(`${listed(reads.map((r) => r.file))} share no document.`);

  // Codes: by path, ignoring case; the first spelling met is the one shown.
  const spelling = new Map<string, string>();
  const segments: CodedSegment[] = reads.flatMap((r) =>
    r.segments.map((s) => {
      const key = codeKey(s.code);
      if (!spelling.has(key)) spelling.set(key, normalizeTagName(s.code));
      return { ...s, code: spelling.get(key)! };
    }),
  );

  if (options.doc !== undefined) documents = [pickDocument(documents, options.doc)];
  else if (codings.length === 0) {
    // A notebook holds more than was coded: only the documents somebody coded are compared.
    const coded = new Set(segments.map((s) => s.document));
    const uncoded = documents.filter((d) => !coded.has(d.contentHash));
    if (uncoded.length)
      notes.push(
        `${plural(uncoded.length, 'document')} nobody coded left out (name one with --doc to include it).`,
      );
    documents = documents.filter((d) => coded.has(d.contentHash));
    if (documents.length === 0)
      throw fail('Nobody coded anything in the documents the files share.');
  }

  const kept = new Set(documents.map((d) => d.contentHash));
  const used = [...new Set(segments.filter((s) => kept.has(s.document)).map((s) => s.code))].sort();
  let codes = used;
  if (options.tag !== undefined) {
    const root = codeKey(options.tag);
    codes = used.filter((c) => codeKey(c) === root || codeKey(c).startsWith(`${root}/`));
    if (codes.length === 0)
      throw new NotebookError(
        'not-found',
        `Nobody used the code “${options.tag}” or any code below it.${used.length ? ` Codes used: ${listed(used, 20)}.` : ''}`,
      );
  }

  return {
    input: {
      documents: documents.map((d) => ({ id: d.contentHash, length: d.length })),
      coders: coders.map((c) => c.id),
      segments: segments.filter((s) => kept.has(s.document)),
    },
    coders,
    documents: documents.map(({ contentHash, title, length }) => ({ contentHash, title, length })),
    codes,
    round: first ? { id: first.coding.round.id, name: first.coding.round.name } : null,
    notes,
  };
}

/**
 * `--doc ID`: a contentHash (with or without `sha256:`), a backup's document id, or the start of
 * a title (ignoring case; a title equal to ID wins over longer ones it starts).
 */
function pickDocument<T extends SourceDocument & { ids: string[] }>(documents: T[], id: string): T {
  const wanted = id.trim();
  const byHash = documents.find(
    (d) => d.contentHash === wanted || d.contentHash === `sha256:${wanted}`,
  );
  if (byHash) return byHash;
  const byId = documents.find((d) => d.ids.includes(wanted));
  if (byId) return byId;
  const lower = wanted.toLowerCase();
  const matches = lower ? documents.filter((d) => d.title.toLowerCase().startsWith(lower)) : [];
  const exact = matches.filter((d) => d.title.toLowerCase() === lower);
  if (exact.length === 1) return exact[0]!;
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    throw fail(
      `--doc "${id}" fits ${plural(matches.length, 'document')}: ${listed(matches.map((d) => quoted(d.title)))}. Give more of the title, or the content hash.`,
    );
  throw new NotebookError(
    'not-found',
    `No document the files share is "${id}" (by content hash, id or the start of its title). They share: ${listed(documents.map((d) => quoted(d.title)))}.`,
  );
}
