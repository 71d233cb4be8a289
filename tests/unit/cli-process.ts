import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI = resolve('electron/cli/main.ts');

/**
 * Run the command line as a user would (`node electron/cli/main.ts …`, what `npm run cli` runs),
 * with no notebook folder inherited from the environment; its exit code and output, failed or not.
 */
export async function cli(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', CLI, ...args],
      { env: { ...process.env, MARGINALIA_DATA_DIR: '' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
