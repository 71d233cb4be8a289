import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, resolveAppFile } from '../../electron/main/app-protocol-path.ts';
import { devServerUrl } from '../../electron/main/dev-server.ts';
import { externalLinkTarget } from '../../electron/main/external-url.ts';
import { isTrustedSender } from '../../electron/main/trusted-sender.ts';

// The pure parts of the Electron glue, which load without Electron.
describe('isTrustedSender', () => {
  const origins = [APP_ORIGIN, 'http://localhost:5173'];

  it('accepts the app page in the top frame', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isTopFrame: true }, origins)).toBe(
      true,
    );
    expect(isTrustedSender({ url: 'http://localhost:5173/', isTopFrame: true }, origins)).toBe(
      true,
    );
  });

  it('refuses iframes, other origins, files and garbage', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isTopFrame: false }, origins)).toBe(
      false,
    );
    expect(isTrustedSender({ url: 'https://evil.example/', isTopFrame: true }, origins)).toBe(
      false,
    );
    expect(isTrustedSender({ url: 'app://other/index.html', isTopFrame: true }, origins)).toBe(
      false,
    );
    expect(isTrustedSender({ url: 'file:///etc/passwd', isTopFrame: true }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5174/', isTopFrame: true }, origins)).toBe(
      false,
    );
    expect(isTrustedSender({ url: 'not a url', isTopFrame: true }, origins)).toBe(false);
    expect(isTrustedSender(null, origins)).toBe(false);
  });

  it('compares whole origins, not prefixes or look-alikes', () => {
    for (const url of [
      'app://marginalia.evil.example/index.html',
      'app://marginalia:8080/index.html',
      'app://evil.example/marginalia/index.html',
      'https://marginalia/index.html',
      'http://localhost:5173.evil.example/',
      'http://localhost/',
      'about:blank',
      'data:text/html,<p>hi',
      'javascript:alert(1)',
      '',
    ]) {
      expect(isTrustedSender({ url, isTopFrame: true }, origins), url).toBe(false);
    }
    expect(isTrustedSender(undefined, origins)).toBe(false);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isTopFrame: true }, [])).toBe(false);
  });
});

describe('devServerUrl', () => {
  const env = (url?: string) => ({ ELECTRON_RENDERER_URL: url });

  it('is the dev server of an unpackaged app, on this machine', () => {
    expect(devServerUrl(false, env('http://localhost:5173'))).toBe('http://localhost:5173');
    expect(devServerUrl(false, env('http://127.0.0.1:5173/'))).toBe('http://127.0.0.1:5173/');
    expect(devServerUrl(false, env('http://[::1]:5173/'))).toBe('http://[::1]:5173/');
    expect(devServerUrl(false, env())).toBeUndefined();
  });

  it('is ignored in a packaged app, and refused anywhere but loopback', () => {
    expect(devServerUrl(true, env('http://localhost:5173'))).toBeUndefined();
    for (const url of [
      'https://evil.example/',
      'http://192.168.1.10:5173/',
      'http://localhost.evil.example:5173/',
      'http://user:pw@localhost:5173/',
      'file:///tmp/index.html',
      'app://marginalia/',
      'javascript:alert(1)',
      'localhost:5173',
    ]) {
      expect(devServerUrl(false, env(url)), url).toBeUndefined();
    }
  });
});

describe('externalLinkTarget', () => {
  it('is an http(s) address, normalised', () => {
    expect(externalLinkTarget('https://example.com/a b')?.href).toBe('https://example.com/a%20b');
    expect(externalLinkTarget(' HTTP://Example.com ')?.href).toBe('http://example.com/');
    expect(externalLinkTarget('https://ex\u0430mple.com/')?.href).toBe(
      'https://xn--exmple-4nf.com/',
    );
  });

  it('is null for every other scheme, disguised or not, and for anything not a URL', () => {
    for (const raw of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\rscript:alert(1)',
      '\u0001javascript:alert(1)',
      'jav&#x09;ascript:alert(1)',
      '&#106;avascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'mailto:a@example.com',
      'blob:https://example.com/1',
      'ws://example.com/',
      'chrome://settings',
      'https://user@example.com/',
      'https://:pw@example.com/',
      'https://',
      'example.com',
      '//example.com',
      `https://example.com/${'x'.repeat(4096)}`,
      '',
      undefined,
      null,
      7,
      ['https://example.com/'],
    ]) {
      expect(externalLinkTarget(raw), String(raw)).toBeNull();
    }
  });
});

describe('resolveAppFile', () => {
  const root = resolve('/opt/marginalia/out/renderer');

  it('serves files inside the renderer folder and index.html for routes', () => {
    expect(resolveAppFile(root, `${APP_ORIGIN}/assets/index.js`)).toBe(
      join(root, 'assets', 'index.js'),
    );
    expect(resolveAppFile(root, `${APP_ORIGIN}/`)).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, `${APP_ORIGIN}/library`)).toBe(join(root, 'index.html'));
  });

  it('refuses anything outside it', () => {
    // The URL parser folds plain dot segments, so they can never climb out of the root.
    expect(resolveAppFile(root, `${APP_ORIGIN}/../../etc/passwd.txt`)).toBe(
      join(root, 'etc', 'passwd.txt'),
    );
    expect(resolveAppFile(root, `${APP_ORIGIN}/assets/%2e%2e/%2e%2e/secret.json`)).toBe(
      join(root, 'secret.json'),
    );
    // Encoded slashes survive the parser; decoded, they would climb out.
    expect(resolveAppFile(root, `${APP_ORIGIN}/x%2F..%2F..%2F..%2Fsecret.json`)).toBeNull();
    expect(resolveAppFile(root, `${APP_ORIGIN}/a%5c..%5c..%5csecret.json`)).toBeNull();
    expect(resolveAppFile(root, `${APP_ORIGIN}/%00.js`)).toBeNull();
    expect(resolveAppFile(root, 'app://elsewhere/index.html')).toBeNull();
    expect(resolveAppFile(root, 'file:///opt/marginalia/out/renderer/index.html')).toBeNull();
    expect(resolveAppFile(root, `${APP_ORIGIN}/%E0%A4%A`)).toBeNull();
  });

  it.each([
    // Encoded dots and slashes, in either case, alone or together.
    `${APP_ORIGIN}/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd.txt`,
    `${APP_ORIGIN}/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd.txt`,
    `${APP_ORIGIN}/..%2f..%2f..%2fetc%2fpasswd.txt`,
    `${APP_ORIGIN}/assets/..%2F..%2F..%2Fsecret.json`,
    // Backslashes, raw or encoded (Windows separators).
    `${APP_ORIGIN}/..\\..\\..\\secret.json`,
    `${APP_ORIGIN}/%5c..%5c..%5csecret.json`,
    `${APP_ORIGIN}/%5C..%5C..%5Csecret.json`,
    // Null bytes, raw-encoded anywhere in the name.
    `${APP_ORIGIN}/index.html%00.png`,
    `${APP_ORIGIN}/assets/%00`,
    // Absolute paths, encoded or behind an empty segment.
    `${APP_ORIGIN}//etc/passwd.txt`,
    `${APP_ORIGIN}/%2Fetc%2Fpasswd.txt`,
    `${APP_ORIGIN}/%2F%2Fserver%2Fshare%2Ffile.txt`,
    // Other hosts, ports, schemes.
    'app://marginalia.evil.example/index.html',
    'app://evil.example/index.html',
    'app://marginalia:1234/index.html',
    'app:///index.html',
    'https://marginalia/index.html',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('never answers with a path outside the folder, whatever the input', () => {
    const inside = (file: string | null) => file === null || file.startsWith(`${root}${sep}`);
    const pieces = [
      '..',
      '%2e%2e',
      '%2E.',
      '.%2e',
      '%2f',
      '%2F',
      '%5c',
      '/',
      '\\',
      'a',
      '.',
      '%00',
    ];
    // Every path of up to four pieces, each joined with "/".
    const paths: string[] = [''];
    for (let depth = 0; depth < 4; depth++)
      for (const path of [...paths]) for (const piece of pieces) paths.push(`${path}/${piece}`);
    for (const path of paths) {
      for (const tail of ['', '/x.json', '%2fx.json']) {
        const url = `${APP_ORIGIN}${path}${tail}`;
        expect(inside(resolveAppFile(root, url)), url).toBe(true);
      }
    }
  });
});
