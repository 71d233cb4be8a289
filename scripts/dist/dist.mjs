#!/usr/bin/env node
/**
 * `npm run dist [-- args]`: electron-builder with electron-builder.ts, never publishing, the
 * arguments passed on (`--dir`, `--linux`, `-c.key=value`…). Its output is passed through as it
 * comes, but for one case: when the build fails because something could not be downloaded
 * (Electron's release zip, or a packaging tool such as NSIS or appimagetool) on a machine without
 * network, the person gets a few lines saying what was missing and how to supply it, instead of
 * the downloader's stack trace. Any other failure keeps its stack trace. Exit status:
 * electron-builder's own.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronCacheDir } from '../electron/cache-dir.mjs';

const require = createRequire(import.meta.url);

/** A failed download, as Node, got and @electron/get word it. */
const NETWORK_FAILURE =
  /\b(getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|fetch failed|socket hang up)\b/;
/** A line of a JavaScript stack trace. */
const STACK_FRAME = /^\s+at\s/;

/** What to tell a person whose build could not download what it needs. */
export function offlineAdvice({ reason, version, platform, arch, cacheDir }) {
  const zip = `electron-v${version}-${platform}-${arch}.zip`;
  return [
    `The build stopped because something could not be downloaded (${reason}).`,
    '',
    `electron-builder needs Electron's release zip (${zip}) and, for the installers, its`,
    'packaging tools (NSIS on Windows, appimagetool and fpm on Linux). Without network access:',
    `  - Electron from a file: put ${zip} (from github.com/electron/electron/releases) in`,
    `    ${cacheDir}, or point MARGINALIA_ELECTRON_DIST at that zip or an unpacked Electron`,
    '  - from a mirror: ELECTRON_MIRROR=https://your-mirror.example/electron/ (Electron) and',
    '    ELECTRON_BUILDER_BINARIES_MIRROR=https://your-mirror.example/electron-builder-binaries/',
    '  - npm run dist -- --dir builds the unpacked app with Electron alone (no packaging tools).',
    '',
  ].join('\n');
}

/** The first line of the output that names the network failure. */
export function networkFailure(output) {
  const line = output.split('\n').find((l) => NETWORK_FAILURE.test(l) && !STACK_FRAME.test(l));
  return line
    ? line
        .replace(/^\s*⨯\s*/, '')
        .replace(/\s+failedTask=.*$/, '')
        .trim()
    : null;
}

/**
 * Pass a stream through line by line, holding back stack frames (printed after the run unless
 * the failure was a download), and keep everything for diagnosis.
 */
function relay(stream, out, held, seen) {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      seen.push(line);
      // electron-builder's error line carries the stack's first line after "stackTrace=".
      const failed = line.match(/^(\s*⨯.*?)\s+(failedTask=\S+\s+stackTrace=.*)$/);
      if (failed) {
        out.write(`${failed[1]}\n`);
        held.push(`  ${failed[2]}`);
      } else if (STACK_FRAME.test(line)) held.push(line);
      else out.write(`${line}\n`);
    }
  });
  stream.on('end', () => {
    if (partial) {
      seen.push(partial);
      out.write(partial);
    }
  });
}

export function runDist(args, env = process.env) {
  const cli = require.resolve('electron-builder/cli.js');
  const child = spawn(
    process.execPath,
    [cli, '--config', 'electron-builder.ts', '--publish', 'never', ...args],
    { cwd: resolve(import.meta.dirname, '..', '..'), env, stdio: ['inherit', 'pipe', 'pipe'] },
  );
  const held = [];
  const seen = [];
  relay(child.stdout, process.stdout, held, seen);
  relay(child.stderr, process.stderr, held, seen);
  return new Promise((done) => {
    child.on('close', (code) => {
      const reason = code === 0 ? null : networkFailure(seen.join('\n'));
      if (reason) {
        const electron = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8'));
        process.stderr.write(
          `\n${offlineAdvice({
            reason,
            version: electron.version,
            platform: process.platform,
            arch: process.arch,
            cacheDir: electronCacheDir(env),
          })}`,
        );
      } else if (held.length > 0) {
        process.stderr.write(`${held.join('\n')}\n`);
      }
      done(code ?? 1);
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runDist(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
