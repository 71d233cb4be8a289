import fs from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';
import { APP_SCHEME, resolveAppFile } from './app-protocol-path.ts';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serve the built renderer from app://marginalia/ rather than file://, with the CSP header. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}

/** Every answer, a refusal included, carries the CSP and is never sniffed into something else. */
function withSecurityHeaders(init: HeadersInit | undefined): Headers {
  const headers = new Headers(init);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return headers;
}

const notFound = () =>
  new Response('Not found', {
    status: 404,
    headers: withSecurityHeaders({ 'Content-Type': 'text/plain; charset=utf-8' }),
  });

/**
 * The app:// handler: a file inside `rendererDir` (checked by name in resolveAppFile, then by its
 * real path here, so a symbolic link cannot lead out of the folder), served with the CSP header.
 * `fs.promises` is looked up at each call, where Electron's ASAR support has patched it.
 */
export function createAppProtocolHandler(rendererDir: string) {
  let realRoot: Promise<string> | null = null;
  return async (request: Request): Promise<Response> => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return notFound();
    realRoot ??= fs.promises.realpath(rendererDir);
    const [root, real] = await Promise.all([
      realRoot.catch(() => null),
      fs.promises.realpath(file).catch(() => null),
    ]);
    if (!root) realRoot = null; // try again next time (the folder may appear)
    if (!root || !real || !isInside(root, real)) return notFound();
    const response = await net.fetch(pathToFileURL(real).toString());
    return new Response(response.body, {
      status: response.status,
      headers: withSecurityHeaders(response.headers),
    });
  };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
