import { unzipSync } from 'fflate';
import { NotebookError } from '../../../../shared/result.ts';

/** More than any project holds in text: a zip that unpacks past this is refused unread. */
export const QDPX_MAX_UNPACKED = 1024 * 1024 * 1024;

/**
 * A `.qdpx`: the one `*.qde` at its root (`project.qde`, or named after the project as ATLAS.ti 26
 * does) and its other files by lower-case path. Pictures, audio and video are not unpacked at all
 * (only counted in the report through the project's XML), so a project full of recordings does
 * not fill memory.
 */
export function readArchive(
  bytes: Uint8Array,
  fileName: string,
): { qde: { name: string; xml: string }; files: Map<string, Uint8Array> } {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw new NotebookError(
      'invalid-input',
      `${fileName} is not a REFI-QDA project: a .qdpx is a zip archive, and this file is not one.`,
    );
  let unpacked = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        const wanted = /\.(qde|txt|xml)$/i.test(file.name) && !file.name.endsWith('/');
        if (!wanted) return false;
        unpacked += file.originalSize;
        if (unpacked > QDPX_MAX_UNPACKED)
          throw new NotebookError(
            'invalid-input',
            `${fileName} unpacks to more than 1 GB of text; it is not a project Marginalia can read.`,
          );
        return true;
      },
    });
  } catch (error) {
    if (error instanceof NotebookError) throw error;
    throw new NotebookError(
      'invalid-input',
      `${fileName} is a damaged zip archive (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries))
    files.set(name.replace(/\\/g, '/').replace(/^\.\//, '').toLowerCase(), data);
  const qdes = Object.keys(entries).filter((name) => /^[^/\\]+\.qde$/i.test(name));
  if (qdes.length === 0)
    throw new NotebookError(
      'invalid-input',
      `${fileName} holds no project file (a .qde at the top of the archive).`,
    );
  if (qdes.length > 1)
    throw new NotebookError(
      'invalid-input',
      `${fileName} holds ${qdes.length} project files (${qdes.join(', ')}); a .qdpx has one.`,
    );
  const name = qdes[0]!;
  const xml = new TextDecoder('utf-8').decode(entries[name]!);
  return { qde: { name, xml }, files };
}
