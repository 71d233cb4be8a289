import { markdownExport } from './shared/export/markdown.ts';
import { selectForExport } from './shared/export/selection.ts';
import { DEFAULT_EXPORT_OPTIONS } from './shared/export/types.ts';
import { exportFixture, GENERATED_AT } from './tests/fixtures/export/notebook.ts';

const sel = selectForExport(exportFixture(), { kind: 'notebook' }, GENERATED_AT);
process.stdout.write([...markdownExport(sel, DEFAULT_EXPORT_OPTIONS)].join(''));
