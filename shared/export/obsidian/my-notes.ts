/**
 * The part of each exported file that belongs to the user: what they write between these two
 * lines is carried over, byte for byte, when the folder is exported again. They are Obsidian
 * comments (`%% … %%`), invisible in reading view.
 */
export const MY_NOTES_START = '%% my notes: start (kept by Marginalia on re-export) %%';
export const MY_NOTES_END = '%% my notes: end %%';

/** What a new file has between the markers: an empty line to write on. */
export const EMPTY_MY_NOTES = '\n';

/** The section with its heading, holding `inner` (text ending with a line break, or nothing). */
export function myNotesSection(inner: string): string {
  return `## My notes\n\n${MY_NOTES_START}\n${inner}${MY_NOTES_END}\n`;
}

export type MyNotes =
  /** The text between the markers (from the line after the start to the end line), verbatim. */
  | { status: 'kept'; inner: string }
  /** No markers at all, one of them, several, or the end before the start. */
  | { status: 'broken' };

/** The user's section of an exported file, if its markers are whole: each once, on its own line, in order. */
export function readMyNotes(text: string): MyNotes {
  const starts = markerLines(text, MY_NOTES_START);
  const ends = markerLines(text, MY_NOTES_END);
  if (starts.length !== 1 || ends.length !== 1) return { status: 'broken' };
  const [start] = starts as [{ from: number; to: number }];
  const [end] = ends as [{ from: number; to: number }];
  if (end.from < start.to) return { status: 'broken' };
  return { status: 'kept', inner: text.slice(start.to, end.from) };
}

/**
 * Where each line holding exactly `marker` is: `from` its first character, `to` just after its
 * line break (a Windows line end or spaces after the marker, from an editor, still count).
 */
function markerLines(text: string, marker: string): { from: number; to: number }[] {
  const found: { from: number; to: number }[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    if (text.slice(lineStart, lineEnd).trim() === marker)
      found.push({ from: lineStart, to: newline < 0 ? text.length : newline + 1 });
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return found;
}
