import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Electron's download cache (@electron/get's default, or ELECTRON_CACHE): where a release zip can
 * be put by hand on a machine that cannot download it. Named in the advice of `npm start` and
 * `npm run dist` when the download fails.
 */
export function electronCacheDir(env = process.env, platform = process.platform) {
  if (env.ELECTRON_CACHE) return env.ELECTRON_CACHE;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'electron');
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'electron', 'Cache');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron');
}
