import { type CslRecord, cslRecordSchema } from '../../../shared/citations/csl-schema.ts';
import { NotebookError } from '../../../shared/result.ts';
import { parseBibtexText } from './citation-js.ts';

/** The most records one paste or file may hold. */
export const MAX_PASTED_RECORDS = 5000;

/**
 * BibTeX (BibLaTeX, Better BibTeX) or CSL-JSON text as validated CSL records. A BibTeX entry's
 * key is kept as the record's `id` and `citation-key` (Better BibTeX's keys survive); a CSL-JSON
 * record keeps every field it has. Input that is neither says why, with the line when the
 * BibTeX parser gives one.
 */
export function parseCitationText(text: string): CslRecord[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) throw new NotebookError('invalid-input', 'Paste a BibTeX entry or CSL-JSON first.');
  const raw = /^[[{]/.test(trimmed) ? parseCslJson(trimmed) : parseBibtex(trimmed);
  if (raw.length === 0)
    throw new NotebookError(
      'invalid-input',
      'No entries found: paste a BibTeX entry (@article{key, …}) or CSL-JSON ([{"type": …}]).',
    );
  if (raw.length > MAX_PASTED_RECORDS)
    throw new NotebookError(
      'invalid-input',
      `That is ${raw.length} entries; at most ${MAX_PASTED_RECORDS} are read at once.`,
    );
  return raw.map((item, index) => validate(item, index, raw.length));
}

function parseCslJson(text: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new NotebookError(
      'invalid-input',
      `The CSL-JSON is not valid JSON (${(error as Error).message}).`,
    );
  }
  // Some tools wrap the list: {"items": [...]}.
  if (value && typeof value === 'object' && !Array.isArray(value) && 'items' in value)
    value = (value as { items: unknown }).items;
  return Array.isArray(value) ? value : [value];
}

function parseBibtex(text: string): unknown[] {
  if (!text.includes('@'))
    throw new NotebookError(
      'invalid-input',
      'No entries found: BibTeX entries start with @ (@article{key, …}); CSL-JSON with [ or {.',
    );
  try {
    return parseBibtexText(text);
  } catch (error) {
    throw new NotebookError('invalid-input', bibtexProblem(String((error as Error).message)));
  }
}

/**
 * citation-js says `expected "rbrace", got "identifier" at line 3 col 18:` and then draws the
 * lines: keep the first line, led by where it is.
 */
function bibtexProblem(message: string): string {
  const first = message.split('\n')[0]!.replace(/:\s*$/, '');
  const at = first.match(/^(.*?)\s+at line (\d+) col (\d+)$/);
  if (!at) return `The BibTeX could not be read: ${first}.`;
  const [, what, line, col] = at;
  return `Line ${line} of the BibTeX, column ${col}: ${what!.replace(/"/g, '')}. Check the braces, commas and quotes there.`;
}

function validate(item: unknown, index: number, count: number): CslRecord {
  const where = count > 1 ? `Entry ${index + 1}` : 'The entry';
  if (!item || typeof item !== 'object' || Array.isArray(item))
    throw new NotebookError('invalid-input', `${where} is not a CSL-JSON record (an object).`);
  const { _graph, ...fields } = item as Record<string, unknown>;
  void _graph;
  // Better CSL JSON has both; a record with only one of them keeps it as the other too.
  if (typeof fields['citation-key'] === 'string' && fields.id === undefined)
    fields.id = fields['citation-key'];
  const parsed = cslRecordSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    throw new NotebookError(
      'invalid-input',
      `${where} is not a valid CSL record: ${path ? `${path}: ` : ''}${issue.message}.`,
    );
  }
  return parsed.data;
}
