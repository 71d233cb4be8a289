/**
 * The renderer dev server's address, when there is one: only in an unpackaged app started by
 * `npm run dev` (electron-vite sets ELECTRON_RENDERER_URL), and only on this machine. Its origin
 * becomes a trusted one (for navigation and IPC), so a packaged app ignores the variable and a
 * value pointing anywhere but loopback is refused. Kept free of electron imports for its unit test.
 */
export function devServerUrl(
  isPackaged: boolean,
  env: Record<string, string | undefined>,
): string | undefined {
  const value = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  const web = url.protocol === 'http:' || url.protocol === 'https:';
  return web && loopback && !url.username && !url.password ? value : undefined;
}
