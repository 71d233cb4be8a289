/**
 * Names in an Obsidian vault: file names that every file system and Obsidian's links accept,
 * block ids Obsidian recognises, and tags Obsidian reads as tags.
 */

/** The folders of the export, inside the folder the user chose. */
export const DOCUMENTS_FOLDER = 'Documents';
export const NOTES_FOLDER = 'Notes';

/** The longest stem, in characters; a few more are added for " 2" and ".md". */
const MAX_STEM_CHARS = 100;
/** Most file systems allow 255 bytes per name; stay well under with the suffixes. */
const MAX_STEM_BYTES = 200;

/**
 * Characters no name may hold: Windows forbids `<>:"/\|?*`, macOS and Linux `/`, and Obsidian's
 * links cannot hold `[]#^|` (a heading, a block, an alias). Control characters never.
 */
const FORBIDDEN = /[[\]#^|\\/:*?"<>\p{Cc}\p{Cf}\u2028\u2029]+/gu;
/** CON, PRN, AUX, NUL, COM1–9, LPT1–9: Windows will not create them, with or without an ending. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * A file name stem from a title: forbidden characters become spaces, white space is single, no
 * leading dot (a hidden file, which Obsidian ignores) and no trailing dot or space (Windows drops
 * them), at most 100 characters, never a reserved Windows name, never empty.
 */
export function fileStem(title: string, fallback: string): string {
  let stem = title
    .normalize('NFC')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  stem = cut(stem).replace(/[.\s]+$/, '');
  if (!stem) stem = fallback;
  if (WINDOWS_RESERVED.test(stem)) stem = `_${stem}`;
  return stem;
}

/** At most MAX_STEM_CHARS characters and MAX_STEM_BYTES bytes, never half a character. */
function cut(stem: string): string {
  const chars = Array.from(stem);
  if (chars.length <= MAX_STEM_CHARS && utf8Length(stem) <= MAX_STEM_BYTES) return stem;
  let out = '';
  let bytes = 0;
  for (const c of chars.slice(0, MAX_STEM_CHARS)) {
    bytes += utf8Length(c);
    if (bytes > MAX_STEM_BYTES) break;
    out += c;
  }
  // End at a word when one ends in the last fifth, so "A long title about" reads as words.
  const space = out.lastIndexOf(' ');
  return space > out.length * 0.8 ? out.slice(0, space) : out;
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/**
 * How two names compare on a file system that ignores case and normalisation (macOS, Windows):
 * names equal under this key cannot live in the same folder.
 */
export const nameKey = (name: string) => name.normalize('NFC').toLowerCase();

/** The first of `stem`, `stem 2`, `stem 3`… whose name is not taken, and takes it. */
export function uniqueStem(stem: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? stem : `${stem} ${n}`;
    if (!taken.has(nameKey(candidate))) {
      taken.add(nameKey(candidate));
      return candidate;
    }
  }
}

/** Obsidian block ids hold letters, digits and dashes only. */
export const BLOCK_ID = /^[A-Za-z0-9-]+$/;

/**
 * Block ids for quotes: `m-<id>` with every character Obsidian refuses (the `_` of the app's
 * `ann_<uuid>` ids) turned into `-`. Ids that had other characters than `_`, or that would clash
 * with another id, get a hash of the id added, so the mapping is deterministic and one-to-one;
 * ids are taken in sorted order, so the same set of quotes always gets the same block ids.
 */
export function blockIds(ids: Iterable<string>): Map<string, string> {
  const result = new Map<string, string>();
  const used = new Set<string>();
  for (const id of [...new Set(ids)].sort()) {
    const plain = id.replace(/_/g, '-');
    let block = BLOCK_ID.test(plain) ? `m-${plain}` : `m-${clean(id)}-${hash(id)}`;
    if (used.has(block.toLowerCase())) block = `${block}-${hash(id)}`;
    for (let n = 2; used.has(block.toLowerCase()); n++) block = `m-${clean(id)}-${hash(id)}-${n}`;
    used.add(block.toLowerCase());
    result.set(id, block);
  }
  return result;
}

const clean = (id: string) => id.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'quote';

/** 32-bit FNV-1a of the UTF-16 code units, in base 36. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * A tag path as Obsidian reads tags: letters, digits, `_`, `-` and `/` for nesting. Spaces and
 * every other character become `-` (runs of them one dash), each level keeps at least one
 * character, and a tag of digits only (which Obsidian does not count as a tag) gets a leading
 * `_`. Two tags that differ only in punctuation become one Obsidian tag.
 */
export function obsidianTag(name: string): string {
  const path = name
    .normalize('NFC')
    .split('/')
    .map(
      (part) =>
        part
          .replace(/[^\p{L}\p{M}\p{N}_-]+/gu, '-')
          .replace(/-{2,}/g, '-')
          .replace(/^-+|-+$/g, '') || '_',
    )
    .join('/');
  return /[^\p{N}/]/u.test(path) ? path : `_${path}`;
}
