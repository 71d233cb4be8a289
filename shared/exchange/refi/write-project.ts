import { isTextAnnotation, type TextAnnotation } from '../../annotations.ts';
import { leafName, parentPath } from '../../codebook.ts';
import { codePointOffsets } from '../../export/code-points.ts';
import type { ExportSelection } from '../../export/types.ts';
import type { Note, NotebookDocument, Tag } from '../../model.ts';
import { COLOR_HEX } from './colors.ts';
import { guidFor } from './guid.ts';
import { element, textElement } from './xml.ts';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';
const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

/** Who the project says made it; the producer is read back from this on import. */
export interface RefiWriter {
  /** `origin`: "Marginalia 0.1.0". */
  origin: string;
  /** The coder from preferences (an empty name becomes "Marginalia user"). */
  coder: { id: string; name: string };
}

/** A source file of the project: `sources/<GUID>.txt`, UTF-8 without a byte-order mark, LF. */
export interface RefiSourceFile {
  path: string;
  text: string;
}

/**
 * The codebook's `<Codes>`: tag paths as nested codes, each with its colour and description.
 * Every code is codable (a Marginalia tag with children can still be put on a quote).
 */
export function codesXml(tags: readonly Tag[]): string {
  const children = new Map<string | null, Tag[]>();
  const names = new Set(tags.map((t) => t.name.toLowerCase()));
  for (const tag of tags) {
    // A parent missing from the list (never, in a sound codebook) puts the tag at the top.
    const parent = parentPath(tag.name);
    const key = parent !== null && names.has(parent.toLowerCase()) ? parent.toLowerCase() : null;
    const list = children.get(key);
    if (list) list.push(tag);
    else children.set(key, [tag]);
  }
  const code = (tag: Tag): string =>
    element(
      'Code',
      {
        guid: guidFor('tag', tag.id),
        name: leafName(tag.name),
        isCodable: true,
        color: COLOR_HEX[tag.color],
      },
      [
        textElement('Description', tag.description),
        ...(children.get(tag.name.toLowerCase()) ?? []).map(code),
      ],
    );
  return element('Codes', {}, (children.get(null) ?? []).map(code));
}

/** A `.qdc` codebook: the same codes, no sets (an empty `<Sets/>` is invalid). */
export function codebookXml(tags: readonly Tag[], writer: Pick<RefiWriter, 'origin'>): string {
  if (tags.length === 0) throw new Error('A codebook needs at least one tag.');
  return `${XML_DECLARATION}${element('CodeBook', { xmlns: CODEBOOK_NAMESPACE, origin: writer.origin }, [codesXml(tags)])}\n`;
}

const excerpt = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
};

/** What a document's details say, in the source's Description (a person reads it; we read it back). */
function documentDescription(doc: NotebookDocument): string {
  return [
    ['Author', doc.author],
    ['Source', doc.source],
    ['URL', doc.url],
    ['Published', doc.publishedDate],
  ]
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

/**
 * A `project.qde` and its source files for what an export selected. Highlights become
 * `PlainTextSelection`s in code points from 0, end exclusive (spec §10.2), with a `Coding` per
 * tag; a comment becomes a `Note` the selection points at with `NoteRef`, a note a `Note` that
 * the quotes it cites and its document point at (its tags as codings of the note); collections
 * become `Set`s of sources. Area highlights on PDF pages have no text to select: they are
 * counted in the project's description. Nothing here depends on the clock, so exporting the same
 * notebook twice writes the same project.
 */
export function projectXml(
  selection: ExportSelection,
  writer: RefiWriter,
): { xml: string; sources: RefiSourceFile[] } {
  const user = guidFor('user', writer.coder.id);
  const userName = writer.coder.name.trim() || 'Marginalia user';
  const tagIds = new Set(selection.tags.map((t) => t.id));
  const byDocument = new Map<string, TextAnnotation[]>();
  let areas = 0;
  let unplaced = 0;
  for (const a of selection.annotations) {
    if (!isTextAnnotation(a)) {
      areas++;
      continue;
    }
    // An unplaced highlight has no trustworthy position in the text.
    if (a.orphan) {
      unplaced++;
      continue;
    }
    const list = byDocument.get(a.documentId);
    if (list) list.push(a);
    else byDocument.set(a.documentId, [a]);
  }
  const quoteIds = new Set([...byDocument.values()].flat().map((a) => a.id));
  // Which notes each quote and each document points at.
  const notesOfQuote = new Map<string, Note[]>();
  const notesOfDocument = new Map<string, Note[]>();
  const push = <K>(map: Map<K, Note[]>, key: K, note: Note) => {
    const list = map.get(key);
    if (list) list.push(note);
    else map.set(key, [note]);
  };
  for (const note of selection.notes) {
    for (const id of note.annotationIds) if (quoteIds.has(id)) push(notesOfQuote, id, note);
    if (note.documentId) push(notesOfDocument, note.documentId, note);
  }
  const codings = (owner: string, ids: readonly string[]) =>
    ids
      .filter((id) => tagIds.has(id))
      .map((id) =>
        element('Coding', { guid: guidFor('coding', `${owner}:${id}`), creatingUser: user }, [
          element('CodeRef', { targetGUID: guidFor('tag', id) }),
        ]),
      );

  const sources: RefiSourceFile[] = [];
  const commentNotes: string[] = [];
  const textSources = selection.documents.map((doc) => {
    const guid = guidFor('document', doc.id);
    sources.push({ path: `sources/${guid}.txt`, text: doc.text });
    const toCodePoints = codePointOffsets(doc.text);
    const selections = (byDocument.get(doc.id) ?? []).map((a) => {
      const quoteGuid = guidFor('quote', a.id);
      const refs: string[] = [];
      if (a.comment.trim()) {
        // Derived from the selection's GUID, so a reader knows this note is its comment.
        const commentGuid = guidFor('comment', quoteGuid.toLowerCase());
        commentNotes.push(
          element(
            'Note',
            {
              guid: commentGuid,
              name: `Comment: ${excerpt(a.target.quote.exact)}`,
              creatingUser: user,
              creationDateTime: a.createdAt,
              modifiedDateTime: a.updatedAt,
            },
            [textElement('PlainTextContent', a.comment)],
          ),
        );
        refs.push(element('NoteRef', { targetGUID: commentGuid }));
      }
      for (const note of notesOfQuote.get(a.id) ?? [])
        refs.push(element('NoteRef', { targetGUID: guidFor('note', note.id) }));
      return element(
        'PlainTextSelection',
        {
          guid: quoteGuid,
          name: excerpt(a.target.quote.exact),
          startPosition: toCodePoints(a.target.position.start),
          endPosition: toCodePoints(a.target.position.end),
          creatingUser: user,
          creationDateTime: a.createdAt,
          modifyingUser: user,
          modifiedDateTime: a.updatedAt,
        },
        [...codings(a.id, a.tagIds), ...refs],
      );
    });
    return element(
      'TextSource',
      {
        guid,
        name: doc.title || 'Untitled document',
        plainTextPath: `internal://${guid}.txt`,
        creatingUser: user,
        creationDateTime: doc.importedAt,
        modifyingUser: user,
        modifiedDateTime: doc.updatedAt ?? doc.importedAt,
      },
      [
        textElement('Description', documentDescription(doc)),
        ...selections,
        ...(notesOfDocument.get(doc.id) ?? []).map((n) =>
          element('NoteRef', { targetGUID: guidFor('note', n.id) }),
        ),
      ],
    );
  });

  const notes = selection.notes.map((note) =>
    element(
      'Note',
      {
        guid: guidFor('note', note.id),
        name: note.title || 'Untitled note',
        creatingUser: user,
        creationDateTime: note.createdAt,
        modifyingUser: user,
        modifiedDateTime: note.updatedAt,
      },
      [textElement('PlainTextContent', note.body), ...codings(note.id, note.tagIds)],
    ),
  );
  const documentIds = new Set(selection.documents.map((d) => d.id));
  const sets = selection.collections.map((c) =>
    element(
      'Set',
      { guid: guidFor('set', c.id), name: c.name },
      c.documentIds
        .filter((id) => documentIds.has(id))
        .map((id) => element('MemberSource', { targetGUID: guidFor('document', id) })),
    ),
  );
  const description = [
    `Exported from Marginalia: ${selection.label}.`,
    areas > 0
      ? `${areas} area highlight${areas === 1 ? '' : 's'} on PDF pages ${areas === 1 ? 'is' : 'are'} not included: a text source holds only text.`
      : '',
    unplaced > 0
      ? `${unplaced} unplaced highlight${unplaced === 1 ? '' : 's'} (quotes no longer found in their text) ${unplaced === 1 ? 'is' : 'are'} not included.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  const xml = element(
    'Project',
    {
      xmlns: PROJECT_NAMESPACE,
      name: `Marginalia – ${selection.label}`,
      origin: writer.origin,
      creatingUserGUID: user,
    },
    [
      element('Users', {}, [element('User', { guid: user, name: userName })]),
      selection.tags.length > 0 ? element('CodeBook', {}, [codesXml(selection.tags)]) : '',
      textSources.length > 0 ? element('Sources', {}, textSources) : '',
      notes.length + commentNotes.length > 0
        ? element('Notes', {}, [...commentNotes, ...notes])
        : '',
      // Never an empty <Sets/>: the schema requires at least one Set inside.
      sets.length > 0 ? element('Sets', {}, sets) : '',
      textElement('Description', description),
    ],
  );
  return { xml: `${XML_DECLARATION}${xml}\n`, sources };
}
