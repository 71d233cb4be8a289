import { EXPORTERS } from '../../shared/export/formats.ts';
import { selectForExport } from '../../shared/export/selection.ts';
import { DEFAULT_EXPORT_OPTIONS, EXPORT_FORMATS } from '../../shared/export/types.ts';
import type { StoreData } from '../../shared/model.ts';
import { exportFixture } from '../../tests/fixtures/export/notebook.ts';

const RUNS = 5;

export interface ExportRow {
  quotes: number;
  format: string;
  medianMs: number;
  megabytes: number;
}

/** The export fixture (the sample article and a field note) grown to `quotes` highlights. */
function notebookOf(quotes: number): StoreData {
  const data = exportFixture();
  const base = data.annotations;
  for (let i = data.annotations.length; i < quotes; i++) {
    const source = base[i % base.length]!;
    data.annotations.push({
      ...structuredClone(source),
      id: `q-bench-${i}`,
      comment: `Comment ${i}: "quoted", with a comma\nand a second line.`,
    });
  }
  return data;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Whole-notebook export time per format (selection plus every piece the exporter yields; the
 * core's file writing on top is I/O), median of five runs.
 */
export function benchExport(options: { sizes: number[]; log: (line: string) => void }) {
  const rows: ExportRow[] = [];
  for (const quotes of options.sizes) {
    const data = notebookOf(quotes);
    for (const format of EXPORT_FORMATS) {
      options.log(`export: ${format} of ${quotes} quotes`);
      const times: number[] = [];
      let bytes = 0;
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const selection = selectForExport(data, { kind: 'notebook' }, '2026-11-24T09:00:00.000Z');
        bytes = 0;
        for (const piece of EXPORTERS[format](selection, DEFAULT_EXPORT_OPTIONS))
          bytes += Buffer.byteLength(piece);
        times.push(performance.now() - started);
      }
      rows.push({ quotes, format, medianMs: median(times), megabytes: bytes / 2 ** 20 });
    }
  }
  const lines = [
    'quotes  │ format   │ median ms │ size MB',
    ...rows.map(
      (r) =>
        `${String(r.quotes).padStart(7)} │ ${r.format.padEnd(8)} │ ${r.medianMs.toFixed(0).padStart(9)} │ ${r.megabytes.toFixed(1).padStart(7)}`,
    ),
  ];
  return { text: lines.join('\n'), rows };
}
