import type { Element } from '@xmldom/xmldom';
import { describeRange } from '../../../../shared/anchoring/describe.ts';
import { DEFAULT_COLOR } from '../../../../shared/colors.ts';
import { guidFor, normalizeGuid } from '../../../../shared/exchange/refi/guid.ts';
import {
  type ExchangeRead,
  type ExchangeReport,
  emptyExchangeContents,
} from '../../../../shared/exchange/types.ts';
import { plural } from '../../../../shared/format.ts';
import type {
  Annotation,
  Collection,
  Note,
  NotebookDocument,
  StoreData,
} from '../../../../shared/model.ts';
import { NotebookError } from '../../../../shared/result.ts';
import { canonicalMap } from '../../../../shared/text/canonical-map.ts';
import { contentHash } from '../../content-hash.ts';
import { blocksOver } from './blocks.ts';
import {
  bestFit,
  CONVENTION_LABELS,
  conventionsFor,
  type PositionConvention,
} from './positions.ts';
import { readCodes } from './read-codebook.ts';
import { type ArchiveFiles, sourceText } from './source-text.ts';
import { attribute, child, children, childText, parseXml } from './xml-dom.ts';

type Notebook = Pick<StoreData, 'documents' | 'annotations' | 'tags' | 'notes' | 'collections'>;

const excerpt = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 50 ? `${flat.slice(0, 49)}…` : flat;
};
const isoOr = (value: string | null, fallback: string) =>
  value && !Number.isNaN(Date.parse(value)) ? new Date(Date.parse(value)).toISOString() : fallback;

/**
 * Records Marginalia exported come back as themselves: the GUID of each of the notebook's
 * records (as `projectXml` made it) leads to its id, so importing a project this notebook wrote
 * changes nothing, and a project from another Marginalia merges by id.
 */
function marginaliaIds(notebook: Notebook) {
  const index = (kind: Parameters<typeof guidFor>[0], records: readonly { id: string }[]) =>
    new Map(records.map((r) => [guidFor(kind, r.id).toLowerCase(), r.id]));
  return {
    document: index('document', notebook.documents),
    tag: index('tag', notebook.tags),
    quote: index('quote', notebook.annotations),
    note: index('note', notebook.notes),
    set: index('set', notebook.collections),
  };
}

/** A source's details as `projectXml` writes them in its Description ("Author: …" lines). */
function detailsFrom(description: string) {
  const field = (name: string) =>
    new RegExp(`^${name}: (.*)$`, 'm').exec(description)?.[1]?.trim() ?? '';
  return {
    author: field('Author'),
    source: field('Source'),
    url: field('URL'),
    publishedDate: field('Published'),
  };
}

interface NoteInfo {
  element: Element;
  guid: string;
  /** GUIDs of the selections, sources and the project that point at it (NoteRef or Link). */
  selections: Set<string>;
  sources: Set<string>;
  other: number;
}

/**
 * A REFI-QDA project (`project.qde` and its source files) as Marginalia records, leniently: any
 * namespace version, GUIDs in either case or braces, text inline or in files under any of the
 * paths tools write, comments as a selection's `<Description>` (ATLAS.ti, MAXQDA) or as a `Note`
 * joined by `NoteRef` or `Link` (NVivo), codes that are folders. Positions are read in the
 * producer's convention and checked against the text (see positions.ts). What Marginalia does
 * not keep (cases, variables, sets of codes, pictures, audio, video, graphs) is counted in the
 * report; selections that cannot be placed are named there.
 */
export function readProject(
  qde: { name: string; xml: string },
  files: ArchiveFiles,
  notebook: Notebook,
  options: { now: string },
): ExchangeRead {
  const root = parseXml(qde.xml, qde.name);
  if (root.localName !== 'Project')
    throw new NotebookError(
      'invalid-input',
      `${qde.name} is not a REFI-QDA project: its root element is <${root.localName}>, not <Project>.`,
    );
  const { now } = options;
  const origin = attribute(root, 'origin');
  const fromMarginalia = /^marginalia\b/i.test(origin ?? '');
  const known = marginaliaIds(notebook);
  const report: ExchangeReport = {
    format: 'qdpx',
    producer: origin,
    notCarried: [],
    unplaced: [],
    notes: [],
  };
  const contents = emptyExchangeContents();

  const codebook = readCodes(child(root, 'CodeBook'), {
    now,
    tagId: (guid) =>
      known.tag.get(guid) ?? `tag-qda-${guid.replace(/[^a-z0-9-]/g, '').slice(0, 50)}`,
  });
  contents.tags = codebook.tags;
  report.notes.push(...codebook.notes);
  const tagById = new Map(codebook.tags.map((t) => [t.id, t]));
  let unknownCodes = 0;
  const tagIdsOf = (owner: Element): string[] => {
    const ids: string[] = [];
    for (const coding of children(owner, 'Coding')) {
      const ref = child(coding, 'CodeRef');
      const id = codebook.tagOfGuid.get(
        normalizeGuid(attribute(ref ?? coding, 'targetGUID') ?? ''),
      );
      if (!id) unknownCodes++;
      else if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  };

  // Notes, and who points at them (NoteRef inside sources and selections, or a Link).
  const notes = new Map<string, NoteInfo>();
  const notesElement = child(root, 'Notes');
  for (const element of notesElement ? children(notesElement, 'Note') : []) {
    const guid = normalizeGuid(attribute(element, 'guid') ?? '');
    if (guid)
      notes.set(guid, { element, guid, selections: new Set(), sources: new Set(), other: 0 });
  }
  const refsFrom = (owner: Element) =>
    children(owner, 'NoteRef').map((r) => normalizeGuid(attribute(r, 'targetGUID') ?? ''));
  for (const guid of refsFrom(root)) {
    const note = notes.get(guid);
    if (note) note.other++;
  }

  const sourcesElement = child(root, 'Sources');
  const textSources: { element: Element; guid: string }[] = [];
  const selectionSource = new Map<string, string>();
  const otherMedia = new Map<string, number>();
  for (let node = sourcesElement?.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    const kind = element.localName;
    const guid = normalizeGuid(attribute(element, 'guid') ?? '');
    // A PDF source with a text representation is read as that text; its area selections are not.
    const textElement =
      kind === 'TextSource'
        ? element
        : kind === 'PDFSource'
          ? child(element, 'Representation')
          : undefined;
    if (kind === 'PDFSource') {
      const areas = children(element, 'PDFSelection').length;
      if (areas > 0)
        otherMedia.set('PDF area selections', (otherMedia.get('PDF area selections') ?? 0) + areas);
      if (!textElement)
        otherMedia.set(
          'PDF sources without a text representation',
          (otherMedia.get('PDF sources without a text representation') ?? 0) + 1,
        );
    }
    if (!textElement) {
      if (kind !== 'PDFSource') {
        const label =
          (
            {
              PictureSource: 'pictures',
              AudioSource: 'audio sources',
              VideoSource: 'video sources',
            } as Record<string, string>
          )[kind ?? ''] ?? `${kind} elements`;
        otherMedia.set(label, (otherMedia.get(label) ?? 0) + 1);
      }
      continue;
    }
    const sourceGuid =
      kind === 'PDFSource' ? guid : normalizeGuid(attribute(textElement, 'guid') ?? guid);
    textSources.push({ element: textElement, guid: sourceGuid || guid });
    for (const ref of refsFrom(textElement)) notes.get(ref)?.sources.add(sourceGuid);
    for (const selection of children(textElement, 'PlainTextSelection')) {
      const selGuid = normalizeGuid(attribute(selection, 'guid') ?? '');
      selectionSource.set(selGuid, sourceGuid);
      for (const ref of refsFrom(selection)) notes.get(ref)?.selections.add(selGuid);
    }
  }
  const linksElement = child(root, 'Links');
  for (const link of linksElement ? children(linksElement, 'Link') : []) {
    const a = normalizeGuid(attribute(link, 'originGUID') ?? '');
    const b = normalizeGuid(attribute(link, 'targetGUID') ?? '');
    for (const [noteGuid, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const note = notes.get(noteGuid);
      if (!note) continue;
      if (selectionSource.has(other)) note.selections.add(other);
      else if (textSources.some((s) => s.guid === other)) note.sources.add(other);
      else note.other++;
    }
  }
  /** A note that is one selection's comment: only that selection points at it. */
  const commentOf = new Map<string, NoteInfo[]>();
  for (const note of notes.values()) {
    if (note.selections.size !== 1 || note.sources.size > 0 || note.other > 0) continue;
    const [selGuid] = note.selections;
    // From Marginalia, only the comment it wrote (its GUID derives from the selection's) is one;
    // a note of its own that cites one quote stays a note.
    if (fromMarginalia && note.guid !== guidFor('comment', selGuid!).toLowerCase()) continue;
    if (children(note.element, 'Coding').length > 0) continue;
    const list = commentOf.get(selGuid!) ?? [];
    list.push(note);
    commentOf.set(selGuid!, list);
  }
  const consumed = new Set([...commentOf.values()].flat().map((n) => n.guid));
  const annotationOfSelection = new Map<string, string>();
  const documentOfSource = new Map<string, string>();
  const conventions = new Map<PositionConvention, number>();
  let midWordKept = 0;

  for (const { element, guid } of textSources) {
    const name =
      attribute(element, 'name')?.trim() ||
      attribute(element, 'plainTextPath')?.replace(/^.*[\\/]/, '') ||
      'Untitled source';
    const text = sourceText(element, files);
    const selections = children(element, 'PlainTextSelection');
    if ('missing' in text) {
      report.unplaced.push({
        what: `Source “${name}”${selections.length ? ` and its ${plural(selections.length, 'coded passage')}` : ''}`,
        reason: `Its text could not be read: ${text.missing}.`,
      });
      continue;
    }
    const canonical = canonicalMap(text.raw);
    if (canonical.text.trim() === '') {
      report.unplaced.push({ what: `Source “${name}”`, reason: 'Its text is empty.' });
      continue;
    }
    const description = childText(element, 'Description');
    const details = fromMarginalia
      ? detailsFrom(description)
      : { author: '', source: '', url: '', publishedDate: '' };
    const documentId =
      known.document.get(guid) ?? `doc-qda-${guid.replace(/[^a-z0-9-]/g, '').slice(0, 50)}`;
    const document: NotebookDocument = {
      id: documentId,
      title: name.slice(0, 1000),
      ...details,
      importedAt: isoOr(attribute(element, 'creationDateTime'), now),
      updatedAt: isoOr(
        attribute(element, 'modifiedDateTime') ?? attribute(element, 'creationDateTime'),
        now,
      ),
      contentHash: contentHash(canonical.text),
      text: canonical.text,
      blocks: blocksOver(canonical.text),
      marks: [],
    };
    contents.documents.push(document);
    documentOfSource.set(guid, documentId);
    if (!fromMarginalia && description.trim()) {
      contents.notes.push({
        id: `note-qda-desc-${guid.replace(/[^a-z0-9-]/g, '').slice(0, 40)}`,
        title: `About ${name}`.slice(0, 1000),
        body: description.trim(),
        tagIds: [],
        annotationIds: [],
        documentId,
        createdAt: document.importedAt,
        updatedAt: document.updatedAt ?? document.importedAt,
      });
    }
    const wholeCodings = children(element, 'Coding').length;
    if (wholeCodings > 0)
      otherMedia.set(
        'codings of whole documents',
        (otherMedia.get('codings of whole documents') ?? 0) + wholeCodings,
      );

    const raw = selections.map((s) => ({
      start: Number.parseInt(attribute(s, 'startPosition') ?? '', 10),
      end: Number.parseInt(attribute(s, 'endPosition') ?? '', 10),
    }));
    const fit = bestFit(
      text.raw,
      raw.map((r) => ({
        start: Number.isFinite(r.start) ? r.start : -1,
        end: Number.isFinite(r.end) ? r.end : -1,
      })),
      conventionsFor(origin),
    );
    if (selections.length > 0)
      conventions.set(fit.convention, (conventions.get(fit.convention) ?? 0) + 1);
    midWordKept += fit.midWord;
    selections.forEach((selection, i) => {
      const selGuid = normalizeGuid(attribute(selection, 'guid') ?? '');
      const range = fit.ranges[i];
      const label = attribute(selection, 'name')?.trim();
      const what = `Coded passage ${label ? `“${excerpt(label)}” ` : ''}in “${name}” (${raw[i]!.start}–${raw[i]!.end})`;
      if (!range) {
        report.unplaced.push({ what, reason: 'Its position is outside the text or empty.' });
        return;
      }
      const start = canonical.toCanonical(range.start);
      const end = canonical.toCanonical(range.end);
      if (end <= start) {
        report.unplaced.push({ what, reason: 'It selects no text.' });
        return;
      }
      const target = describeRange(canonical.text, start, end);
      const tagIds = tagIdsOf(selection);
      const comment = [
        childText(selection, 'Description').trim(),
        ...(commentOf.get(selGuid) ?? []).map((n) => noteText(n.element, files).trim()),
      ]
        .filter(Boolean)
        .filter((c, j, all) => all.indexOf(c) === j)
        .join('\n\n');
      const createdAt = isoOr(attribute(selection, 'creationDateTime'), document.importedAt);
      const annotation: Annotation = {
        id:
          known.quote.get(selGuid) ?? `ann-qda-${selGuid.replace(/[^a-z0-9-]/g, '').slice(0, 50)}`,
        documentId,
        target: { documentId, ...target },
        color: tagById.get(tagIds[0] ?? '')?.color ?? DEFAULT_COLOR,
        tagIds,
        comment: comment.slice(0, 100_000),
        createdAt,
        updatedAt: isoOr(attribute(selection, 'modifiedDateTime'), createdAt),
      };
      contents.annotations.push(annotation);
      annotationOfSelection.set(selGuid, annotation.id);
    });
  }

  // Notes that are not a selection's comment: memos, with the quotes and document they belong to.
  for (const note of notes.values()) {
    if (consumed.has(note.guid)) continue;
    const annotationIds = [...note.selections]
      .map((g) => annotationOfSelection.get(g))
      .filter((id): id is string => Boolean(id));
    const documents = [...note.sources]
      .map((g) => documentOfSource.get(g))
      .filter((id): id is string => Boolean(id));
    const createdAt = isoOr(attribute(note.element, 'creationDateTime'), now);
    contents.notes.push({
      id:
        known.note.get(note.guid) ??
        `note-qda-${note.guid.replace(/[^a-z0-9-]/g, '').slice(0, 50)}`,
      title: (attribute(note.element, 'name')?.trim() || 'Note').slice(0, 1000),
      body: noteText(note.element, files).slice(0, 1_000_000),
      tagIds: tagIdsOf(note.element),
      annotationIds,
      documentId: documents.length === 1 ? documents[0]! : null,
      createdAt,
      updatedAt: isoOr(attribute(note.element, 'modifiedDateTime'), createdAt),
    } satisfies Note);
  }

  // Sets: of sources, collections; of codes or notes, named as not carried.
  const setsElement = child(root, 'Sets');
  let codeSets = 0;
  for (const set of setsElement ? children(setsElement, 'Set') : []) {
    const members = children(set, 'MemberSource')
      .map((m) => documentOfSource.get(normalizeGuid(attribute(m, 'targetGUID') ?? '')))
      .filter((id): id is string => Boolean(id));
    if (children(set, 'MemberCode').length > 0 || children(set, 'MemberNote').length > 0)
      codeSets++;
    if (members.length === 0) continue;
    const guid = normalizeGuid(attribute(set, 'guid') ?? '');
    contents.collections.push({
      id: known.set.get(guid) ?? `col-qda-${guid.replace(/[^a-z0-9-]/g, '').slice(0, 50)}`,
      name: (attribute(set, 'name')?.trim() || 'Set').slice(0, 200),
      documentIds: [...new Set(members)],
      createdAt: now,
      updatedAt: now,
    } satisfies Collection);
  }

  const count = (name: string, what: string) => {
    const element = child(root, name);
    return element ? children(element, what).length : 0;
  };
  const cases = count('Cases', 'Case');
  const variables = count('Variables', 'Variable');
  const graphs = count('Graphs', 'Graph');
  if (cases) report.notCarried.push(plural(cases, 'case'));
  if (variables) report.notCarried.push(plural(variables, 'variable'));
  if (codeSets)
    report.notCarried.push(plural(codeSets, 'set of codes or notes', 'sets of codes or notes'));
  if (graphs) report.notCarried.push(plural(graphs, 'graph'));
  for (const [label, n] of otherMedia) report.notCarried.push(`${n} ${label}`);
  const users = children(child(root, 'Users') ?? root, 'User').length;
  if (users > 1)
    report.notes.push(
      `Coded by ${users} users; Marginalia keeps their codings together in this notebook.`,
    );
  if (unknownCodes > 0)
    report.notes.push(
      `${plural(unknownCodes, 'coding points', 'codings point')} at codes that are not in the codebook; they were left out.`,
    );
  for (const [convention, sources] of conventions)
    if (convention !== 'code-points')
      report.notes.push(
        `Positions in ${plural(sources, 'source')} were counted as ${CONVENTION_LABELS[convention]}, which fits the text.`,
      );
  if (midWordKept > 0)
    report.notes.push(
      `${plural(midWordKept, 'passage boundary', 'passage boundaries')} fall inside a word in the text as written; kept as they are.`,
    );
  return { contents, report };
}

/** A note's text: inline, or in a file of the project. */
function noteText(note: Element, files: ArchiveFiles): string {
  const text = sourceText(note, files);
  return 'raw' in text ? text.raw.replace(/\r\n?/g, '\n') : childText(note, 'Description');
}
