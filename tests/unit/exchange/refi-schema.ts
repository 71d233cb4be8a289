import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/** The official REFI-QDA schemas, read from the handbook folder beside the clone (never copied). */
export const REFI_DIR = resolve('../shared/interop/refi-qda');
const schema = (name: string) => readFileSync(resolve(REFI_DIR, 'xsd', name), 'utf8');

/** libxml2's verdict (compiled to WebAssembly, offline): the errors, empty when valid. */
export async function schemaErrors(xml: string, kind: 'project' | 'codebook'): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: kind === 'project' ? 'project.qde' : 'codebook.qdc', contents: xml }],
    schema: [schema(kind === 'project' ? 'Project.xsd' : 'Codebook.xsd')],
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage ?? String(e));
}
