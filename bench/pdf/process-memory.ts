import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';

/**
 * The memory of the page's renderer process, read from Linux's /proc. Chromium runs more than
 * one renderer (a spare one kept warm, say), so summing them all would count pages that are not
 * ours; the page showing a 500-page PDF is by far the largest of them, so that is the one taken.
 */
export async function pageRendererPid(browser: Browser): Promise<number | null> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    const renderers = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
    let largest: number | null = null;
    for (const pid of renderers) {
      if (largest === null || memoryMB(pid).rss > memoryMB(largest).rss) largest = pid;
    }
    return largest;
  } finally {
    await session.detach().catch(() => {});
  }
}

/**
 * Resident memory in MB: all of it (RSS, which counts Chromium's code mapped from disk and shared
 * with its other processes) and the process's own (anonymous and shared-memory pages: heaps,
 * canvases, raster tiles; near what Chromium's task manager calls its memory footprint).
 */
export function memoryMB(pid: number | null): { rss: number; own: number } {
  if (pid === null) return { rss: Number.NaN, own: Number.NaN };
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, own: (kb('RssAnon') + kb('RssShmem')) / 1024 };
  } catch {
    return { rss: Number.NaN, own: Number.NaN };
  }
}
