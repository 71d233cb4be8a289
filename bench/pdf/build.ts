import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './fixture.ts';

export const rendererDir = join(repoRoot, 'out', 'renderer');

/** The newest modification time of any file under `dir` (0 when it is not there). */
function newest(dir: string): number {
  let latest = 0;
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) {
        latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
      }
    }
  } catch {
    // No such folder.
  }
  return latest;
}

/**
 * The renderer the browser part measures is the built one (as the app ships it, pdf.js worker
 * and all). Build it when it is missing or older than the renderer's or shared sources; when a
 * rebuild fails (someone is mid-edit, say) and an older build exists, measure that one and say so.
 * The build's output goes to stderr: stdout is the table's.
 */
export function ensureRendererBuild(log: (line: string) => void): void {
  const index = join(rendererDir, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(newest(join(repoRoot, 'renderer')), newest(join(repoRoot, 'shared')));
  if (built > 0 && built >= sources) return;
  log(built === 0 ? 'pdf: building the renderer' : 'pdf: renderer sources changed, rebuilding');
  try {
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: ['ignore', 2, 2] });
  } catch (error) {
    if (built === 0) throw error;
    log('pdf: the build failed; measuring the previous build in out/renderer');
  }
}
