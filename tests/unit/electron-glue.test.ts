import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, resolveAppFile } from '../../electron/main/app-protocol-path.ts';
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
});
