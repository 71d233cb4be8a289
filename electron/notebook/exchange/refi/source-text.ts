import type { Element } from '@xmldom/xmldom';
import { decodeText } from '../../import/decode.ts';
import { attribute, child } from './xml-dom.ts';

/** The files of a `.qdpx` by lower-case path (`sources/ab12….txt`). */
export type ArchiveFiles = ReadonlyMap<string, Uint8Array>;

/**
 * Where a source's text is: inline `<PlainTextContent>`, or a file named by `plainTextPath` as
 * `internal://<GUID>.txt` (the specification), `sources/…`, `Sources/…` (NVivo for Windows), a bare
 * file name (qc) or an absolute path from the author's machine (tried by its file name). A
 * `richTextPath` to a `.txt` is read when there is no plain text. Returns the raw text (as the
 * file holds it, so positions can be counted against it) or why there is none.
 */
export function sourceText(
  source: Element,
  files: ArchiveFiles,
): { raw: string } | { missing: string } {
  const inline = child(source, 'PlainTextContent');
  if (inline) return { raw: inline.textContent ?? '' };
  const paths = [attribute(source, 'plainTextPath'), attribute(source, 'richTextPath')].filter(
    (p): p is string => Boolean(p && /\.txt$/i.test(p.trim())),
  );
  const rich = attribute(source, 'richTextPath');
  if (paths.length === 0)
    return {
      missing: rich
        ? `only a rich-text version (${rich}) is in the project, which Marginalia cannot read`
        : 'the project holds no text for it',
    };
  for (const path of paths) {
    const bytes = findFile(path.trim(), files);
    if (!bytes) continue;
    try {
      return { raw: decodeText(bytes, 'text').replace(/^\uFEFF/, '') };
    } catch (error) {
      return {
        missing: `its file ${path} could not be read (${error instanceof Error ? error.message : String(error)})`,
      };
    }
  }
  return { missing: `its file ${paths[0]} is not in the project` };
}

function findFile(path: string, files: ArchiveFiles): Uint8Array | undefined {
  const cleaned = path
    .replace(/^internal:\/\//i, '')
    .replace(/^relative:\/\//i, '')
    .replace(/^absolute:\/\//i, '')
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .toLowerCase();
  const name = cleaned.slice(cleaned.lastIndexOf('/') + 1);
  return (
    files.get(`sources/${cleaned}`) ??
    files.get(cleaned) ??
    files.get(`sources/${name}`) ??
    files.get(name)
  );
}
