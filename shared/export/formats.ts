import { backupExport } from './backup.ts';
import { bibtexExport, cslJsonExport } from './bibliography.ts';
import { csvExport } from './csv.ts';
import { htmlReport } from './html-report.ts';
import { hypothesisExport } from './hypothesis.ts';
import { markdownExport } from './markdown.ts';
import { qdcExport, qdpxExport } from './refi-qda.ts';
import type { Exporter, ExportFormat } from './types.ts';
import { webAnnotationExport } from './web-annotation.ts';

/** The exporter of each format. */
export const EXPORTERS: Record<ExportFormat, Exporter> = {
  markdown: markdownExport,
  csv: csvExport,
  html: htmlReport,
  jsonld: webAnnotationExport,
  json: backupExport,
  qdpx: qdpxExport,
  qdc: qdcExport,
  hypothesis: hypothesisExport,
  bibtex: bibtexExport,
  csl: cslJsonExport,
};
