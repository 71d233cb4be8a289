import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openNotebook } from '../../electron/notebook/notebook.ts';
import { buildStore, writeStore } from '../../scripts/crash-test/fixture.ts';

const dataDir = await mkdtemp(join(tmpdir(), 'prof-store-'));
await writeStore(dataDir, buildStore(100_000, 7), 'snapshot');
{
  const first = await openNotebook({ dataDir, resourcesDir: resolve('resources'), seed: false, store: { compactionWorker: resolve('electron/notebook/store/compact-worker.ts') } });
  await first.handlers.search({ query: 'convoy', limit: 20 });
  await first.close();
}
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 500 });
// find stalls: record event-loop blocks > 30 ms with timestamps
const blocks: { at: number; ms: number }[] = [];
let last = performance.now();
const t0 = last;
const timer = setInterval(() => { const now = performance.now(); if (now - last > 30) blocks.push({ at: last - t0, ms: now - last }); last = now; }, 1);
if (!process.argv.includes('--no-prof')) await session.post('Profiler.start');
const delay = monitorEventLoopDelay({ resolution: 1 }); delay.enable();
const started = performance.now();
const nb = await openNotebook({ dataDir, resourcesDir: resolve('resources'), seed: false, store: { compactionWorker: resolve('electron/notebook/store/compact-worker.ts') } });
const t1 = performance.now();
const docs = await nb.handlers.listDocuments({});
const t2 = performance.now();
await nb.handlers.getDocument({ id: docs[0]!.id });
await nb.handlers.listAnnotations({ documentId: docs[0]!.id });
const t3 = performance.now();
await nb.handlers.search({ query: 'convoy', limit: 20 });
await new Promise((r) => setTimeout(r, 50));
if (process.argv.includes('--no-prof')) { console.log('blocks', JSON.stringify(blocks.map((b) => [Math.round(b.at), Math.round(b.ms)]))); console.log(`open ${(t1 - started).toFixed(0)} list ${(t2 - t1).toFixed(0)}`); process.exit(0); }
const { profile } = await session.post('Profiler.stop');
clearInterval(timer);
console.log(`openNotebook ${(t1 - started).toFixed(0)} listDocuments ${(t2 - t1).toFixed(0)} get+list ${(t3 - t2).toFixed(0)} max stall ${(delay.max / 1e6).toFixed(0)}`);
console.log('blocks', JSON.stringify(blocks.map((b) => [Math.round(b.at), Math.round(b.ms)])));
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes as any[]) for (const ch of n.children ?? []) parent.set(ch, n.id);
const self = new Map<string, number>();
const incl = new Map<string, number>();
const dt = profile.timeDeltas ?? [];
profile.samples!.forEach((id: number, i: number) => {
  const seen = new Set<string>();
  let cur: number | undefined = id;
  let first = true;
  while (cur !== undefined) {
    const n: any = byId.get(cur);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`;
    if (first) { self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000); first = false; }
    if (!seen.has(key)) { seen.add(key); incl.set(key, (incl.get(key) ?? 0) + (dt[i] ?? 0) / 1000); }
    cur = parent.get(cur);
  }
});
console.log('-- self'); for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(v.toFixed(0).padStart(6), k);
console.log('-- incl'); for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(v.toFixed(0).padStart(6), k);
await nb.close();
