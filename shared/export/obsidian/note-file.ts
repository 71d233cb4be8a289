import type { Note, Tag } from '../../model.ts';
import { escapeText } from '../markdown.ts';
import { sortedUnique } from './document-file.ts';
import { frontMatter } from './front-matter.ts';
import { myNotesSection } from './my-notes.ts';
import { obsidianTag } from './names.ts';

/** Where a cited quote is in the vault: its document's file (no `.md`) and its block id. */
export type QuoteTarget =
  | { status: 'exported'; stem: string; blockId: string }
  /** The quote was deleted from the notebook. */
  | { status: 'deleted' }
  /** The quote exists but its document is not part of this export. */
  | { status: 'elsewhere' };

export interface NoteFileInput {
  note: Note;
  stem: string;
  tagsById: ReadonlyMap<string, Tag>;
  /** The file of the note's document, when that is exported too. */
  documentStem?: string;
  quoteTarget(id: string): QuoteTarget;
  myNotes: string;
  keptProperties?: ReadonlyMap<string, unknown>;
}

/** A note's file: front matter, its title, its Markdown with citations as block links, then the user's own section. */
export function noteFile(input: NoteFileInput): string {
  const { note } = input;
  const title = note.title || 'Untitled note';
  const head = frontMatter(
    {
      title,
      document: input.documentStem ? `[[${input.documentStem}]]` : undefined,
      created: note.createdAt,
      updated: note.updatedAt,
      tags: sortedUnique(
        note.tagIds.flatMap((id) => {
          const tag = input.tagsById.get(id);
          return tag ? [obsidianTag(tag.name)] : [];
        }),
      ),
      aliases: title !== input.stem ? [title] : [],
      'marginalia-id': note.id,
      'marginalia-type': 'note',
    },
    input.keptProperties,
  );
  const body = rewriteQuoteLinks(note.body, input.quoteTarget).replace(/\s+$/, '');
  return `${head}\n# ${escapeText(title)}\n\n${body ? `${body}\n\n` : ''}${myNotesSection(input.myNotes)}`;
}

/** `[words](marginalia://quote/<id>)`, and a bare `marginalia://quote/<id>` (with or without `<>`). */
const QUOTE_LINK =
  /\[((?:\\.|[^\]\\])*)\]\(marginalia:\/\/quote\/([A-Za-z0-9_-]{1,64})\)|<?marginalia:\/\/quote\/([A-Za-z0-9_-]{1,64})>?/g;

/**
 * Citations of quotes become Obsidian block links, `[[Document#^m-<id>|words]]`, which open the
 * document at the quote and show it on hover. A citation of a deleted quote keeps its words and
 * says so; one of a quote whose document is not in the export keeps its words. Code (fenced or
 * inline) is left as written.
 */
export function rewriteQuoteLinks(body: string, target: (id: string) => QuoteTarget): string {
  let fenced: string | null = null;
  return body
    .split('\n')
    .map((line) => {
      const fence = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence && (fenced === null || fence.startsWith(fenced))) {
        fenced = fenced === null ? fence : null;
        return line;
      }
      if (fenced !== null) return line;
      // Inline code spans stay as they are; the text between them is rewritten.
      return line
        .split(/(`+[^`]*`+)/)
        .map((part, i) => (i % 2 === 1 ? part : rewriteText(part, target)))
        .join('');
    })
    .join('\n');
}

function rewriteText(text: string, target: (id: string) => QuoteTarget): string {
  return text.replace(
    QUOTE_LINK,
    (_, label: string | undefined, linkId: string | undefined, bareId: string | undefined) => {
      const id = (linkId ?? bareId)!;
      const words = label === undefined ? '' : aliasText(label);
      const found = target(id);
      if (found.status === 'exported')
        return `[[${found.stem}#^${found.blockId}${words ? `|${words}` : ''}]]`;
      if (found.status === 'deleted') return `${words || 'A quote'} *(quote deleted)*`;
      return words || 'A quote';
    },
  );
}

/** Link words as a wiki link's alias: Markdown escapes undone, no `[`, `]` or `|` (they end it). */
function aliasText(label: string): string {
  return label
    .replace(/\\(.)/g, '$1')
    .replace(/[[\]|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
