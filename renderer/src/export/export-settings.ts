import {
  type AnyExportFormat,
  DEFAULT_EXPORT_OPTIONS,
  EXPORT_FORMATS,
  type ExportOptions,
  FOLDER_EXPORT_FORMATS,
} from '../../../shared/export/types.ts';

const KEY = 'marginalia.export';

export interface ExportSettings {
  format: AnyExportFormat;
  options: ExportOptions;
}

/** The format and options used last time: a researcher exporting weekly picks them once. */
export function loadExportSettings(): ExportSettings {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<ExportSettings> | null;
    const format =
      saved?.format &&
      ([...EXPORT_FORMATS, ...FOLDER_EXPORT_FORMATS] as readonly string[]).includes(saved.format)
        ? saved.format
        : 'markdown';
    const options = { ...DEFAULT_EXPORT_OPTIONS };
    if (saved?.options?.markdownOrder === 'text') options.markdownOrder = 'text';
    if (typeof saved?.options?.csvBom === 'boolean') options.csvBom = saved.options.csvBom;
    if (typeof saved?.options?.csvEscapeFormulas === 'boolean')
      options.csvEscapeFormulas = saved.options.csvEscapeFormulas;
    if (saved?.options?.citationStyle === 'chicago') options.citationStyle = 'chicago';
    if (typeof saved?.options?.includeNotes === 'boolean')
      options.includeNotes = saved.options.includeNotes;
    return { format, options };
  } catch {
    return { format: 'markdown', options: { ...DEFAULT_EXPORT_OPTIONS } };
  }
}

export function saveExportSettings(settings: ExportSettings): void {
  localStorage.setItem(KEY, JSON.stringify(settings));
}
