import { join, resolve } from 'node:path';

export const DATA_DIR_FLAG = '--data-dir';
export const DATA_DIR_ENV = 'MARGINALIA_DATA_DIR';
export const STORE_FILE = 'notebook.json';
export const PROFILE_ENV = 'MARGINALIA_USER_DATA_DIR';

/**
 * The app's user-data folder when `MARGINALIA_USER_DATA_DIR` moves it (Chromium's profile, the
 * single-instance lock and the default notebook inside it), or null for the platform's own.
 */
export function profileDir(env: Readonly<Record<string, string | undefined>>): string | null {
  const dir = env[PROFILE_ENV]?.trim();
  return dir ? resolve(dir) : null;
}

/**
 * Where the notebook lives: `--data-dir` beats `MARGINALIA_DATA_DIR` beats the platform's
 * user-data folder. Both overrides serve tests, portable installs and the command line.
 */
export function resolveDataDir(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultDir: string,
): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith(`${DATA_DIR_FLAG}=`)) return resolve(arg.slice(DATA_DIR_FLAG.length + 1));
    if (arg === DATA_DIR_FLAG && argv[i + 1]) return resolve(argv[i + 1]!);
  }
  const fromEnv = env[DATA_DIR_ENV]?.trim();
  if (fromEnv) return resolve(fromEnv);
  return resolve(defaultDir);
}

export const storePathIn = (dataDir: string) => join(dataDir, STORE_FILE);

/**
 * The default notebook folder inside the one Electron's `app.getPath('userData')` names for
 * Marginalia (or MARGINALIA_USER_DATA_DIR), worked out without Electron, so the command line
 * finds the same notebook as the app.
 */
export function appDataDir(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string {
  const moved = profileDir(env);
  if (moved) return join(moved, 'notebook');
  const base =
    platform === 'darwin'
      ? join(home, 'Library', 'Application Support')
      : platform === 'win32'
        ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(base, 'Marginalia', 'notebook');
}
