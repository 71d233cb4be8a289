/**
 * Checklist items that are properties of the code as a whole rather than of one handler: the
 * CSP's contents, and where (and only where) the sensitive Electron calls are made. The handlers
 * themselves are driven in main-process.test.ts; docs/SECURITY.md maps each item to its tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(map.has(name), `${name} given twice`).toBe(false);
    map.set(name.toLowerCase(), sources);
  }
  return map;
}

describe('the Content-Security-Policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('falls back to nothing, and names every fetch directive the page needs', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-src', 'frame-ancestors'])
      expect(policy.get(name), name).toEqual(["'none'"]);
  });

  it('allows scripts from the app itself only: no inline, no eval, no remote origin', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.has('script-src-elem')).toBe(false);
    expect(policy.has('script-src-attr')).toBe(false);
  });

  it('allows no remote origin anywhere, and no unsafe keyword', () => {
    // 'self' is app://marginalia (or the built page's own server in the browser tests).
    const allowed = new Set(["'self'", "'none'"]);
    for (const [name, sources] of policy) {
      for (const source of sources) {
        if (name === 'img-src' && source === 'data:') continue; // the app's own inline icons
        expect(allowed.has(source), `${name} ${source}`).toBe(true);
      }
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:|wss?:|blob:|filesystem:/i);
  });

  const builtPage = join('out', 'renderer', 'index.html');
  it.skipIf(!existsSync(builtPage))('is in the built page, as its first meta tag', () => {
    const html = readFileSync(builtPage, 'utf8').replaceAll('&#39;', "'");
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });
});

/** Every TypeScript source of the app, by path relative to the repository. */
function sources(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) files.set(relative('.', path), readFileSync(path, 'utf8'));
    }
  };
  for (const dir of ['electron', 'shared', 'renderer']) walk(dir);
  return files;
}

/** Code only: comments blanked out, so a mention in prose is not a call. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

describe('where the sensitive calls are', () => {
  const all = sources();
  const where = (pattern: RegExp) =>
    [...all].flatMap(([file, text]) =>
      [...code(text).matchAll(new RegExp(pattern, 'g'))].map(() => file),
    );

  it('reads the whole app', () => {
    expect(all.size).toBeGreaterThan(50);
    expect(all.has(join('electron', 'main', 'window.ts'))).toBe(true);
  });

  it('opens the system browser in one place only: the confirmed, http(s)-only external link', () => {
    expect(where(/\.openExternal\s*\(/)).toEqual([join('electron', 'main', 'external-link.ts')]);
    expect(where(/\.openPath\s*\(/)).toEqual([]);
  });

  it('creates one kind of window, in one place, and no views', () => {
    expect(where(/new\s+BrowserWindow\s*\(/)).toEqual([join('electron', 'main', 'window.ts')]);
    expect(where(/\b(BrowserView|WebContentsView|webContents\.create)\b/)).toEqual([]);
  });

  it('handles IPC only through the per-method handlers that check the sender', () => {
    expect(where(/ipcMain\.\w+\s*\(/)).toEqual([join('electron', 'main', 'ipc.ts')]);
    expect(where(/ipcMain\.(on|once|handleOnce|addListener)\s*\(/)).toEqual([]);
  });

  it('exposes one object to the page, from the preload only', () => {
    expect(where(/exposeInMainWorld\s*\(/)).toEqual([join('electron', 'preload', 'index.ts')]);
    expect(where(/exposeInIsolatedWorld|webFrame\.executeJavaScript/)).toEqual([]);
  });

  it.each([
    /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/,
    /contextIsolation\s*:\s*false/,
    /sandbox\s*:\s*false/,
    /webSecurity\s*:\s*false/,
    /allowRunningInsecureContent\s*:\s*true/,
    /webviewTag\s*:\s*true/,
    /experimentalFeatures\s*:/,
    /enableBlinkFeatures\s*:/,
    /enableRemoteModule/,
    /additionalArguments\s*:/,
    /commandLine\.appendSwitch|disable-web-security|ignore-certificate-errors/,
    /setCertificateVerifyProc|['"]certificate-error['"]/,
    /setBypassCSP|bypassCSP\s*:|corsEnabled\s*:\s*true/,
    /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write|new Function\s*\(|\beval\s*\(/,
  ])('never writes %s', (pattern) => {
    expect(where(pattern)).toEqual([]);
  });
});
