import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../pdf/fixture.ts';

/** The commit the reader suite measures as "old": the renderer before the speed-at-scale work. */
export const BASELINE_COMMIT = 'b652fcc';

/**
 * The renderer of `commit`, built once into a cache folder of its own (the commit's tree from
 * `git archive`, this checkout's node_modules linked in, electron-vite's build) and reused by
 * later runs: `~/.cache/marginalia/bench-reader/<full hash>/out/renderer`. The build's output
 * goes to stderr (stdout is the table's).
 */
export function ensureBaselineBuild(commit: string, log: (line: string) => void): string {
  const hash = execFileSync('git', ['rev-parse', `${commit}^{commit}`], { cwd: repoRoot })
    .toString()
    .trim();
  const root = join(
    process.env.MARGINALIA_BENCH_CACHE ?? join(homedir(), '.cache', 'marginalia', 'bench-reader'),
    hash,
  );
  const renderer = join(root, 'out', 'renderer');
  if (existsSync(join(renderer, 'index.html'))) return renderer;
  log(`reader: building the baseline renderer of ${commit} (cached for later runs)`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', hash], {
    cwd: repoRoot,
    maxBuffer: 1 << 30,
  });
  execFileSync('tar', ['-x', '-C', root], { input: archive, maxBuffer: 1 << 30 });
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  execFileSync('npx', ['electron-vite', 'build', '--config', 'electron.config.ts'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (!existsSync(join(renderer, 'index.html')))
    throw new Error(`the baseline build of ${commit} left no ${renderer}/index.html`);
  return renderer;
}
