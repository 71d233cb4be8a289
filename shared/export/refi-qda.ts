import { strToU8, zipSync } from 'fflate';
import { codebookXml, projectXml, type RefiWriter } from '../exchange/refi/write-project.ts';
import type { Exporter, ExportSelection } from './types.ts';

/** Who the file says wrote it: the coder from preferences and this Marginalia. */
function writerOf(selection: ExportSelection): RefiWriter {
  return {
    origin: `Marginalia ${selection.appVersion ?? ''}`.trim(),
    coder: selection.author ?? { id: 'marginalia', name: '' },
  };
}

/** A zip entry's time: the export's, in local time as zip stores it (DOS dates start in 1980). */
const entryTime = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isFinite(t) && t > Date.UTC(1980, 1, 1)
    ? new Date(t)
    : new Date(Date.UTC(1980, 1, 1));
};

/**
 * A REFI-QDA project (`.qdpx`): a zip holding `project.qde` and a flat, lower-case `sources/`
 * folder of `<GUID>.txt` files (UTF-8, no byte-order mark, LF), as the standard lays it out.
 */
export const qdpxExport: Exporter = function* (selection, _options, progress) {
  const { xml, sources } = projectXml(selection, writerOf(selection));
  const mtime = entryTime(selection.generatedAt);
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {
    'project.qde': [strToU8(xml), { mtime }],
  };
  for (const source of sources) files[source.path] = [strToU8(source.text), { mtime }];
  progress?.(0, 1);
  yield zipSync(files, { level: 6 });
  progress?.(1, 1);
};

/** A REFI-QDA codebook (`.qdc`): the tags as nested codes with colours and descriptions. */
export const qdcExport: Exporter = function* (selection) {
  yield codebookXml(selection.tags, writerOf(selection));
};
