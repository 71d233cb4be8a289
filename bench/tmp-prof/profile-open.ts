import { launchChromium, wirePage } from '../pdf/browser.ts';
import { ensureRendererBuild, rendererDir } from '../pdf/build.ts';
import { openBenchCore } from '../pdf/core.ts';
import { freeWords } from '../pdf/ranges.ts';
import { serveDirectory } from '../pdf/static-server.ts';
import { writeReaderNotebook } from '../reader/fixture.ts';
import { timedAdd, timedOpen, waitForRemoved } from '../reader/measures.ts';

const json = process.argv.includes('--json-answers');
ensureRendererBuild(console.error);
const core = await openBenchCore({ seed: true });
const server = await serveDirectory(rendererDir, {
  invoke: (m, i) => core.notebook.dispatch(m, i),
  subscribe: (l) => core.notebook.subscribe(l),
});
const cases = await writeReaderNotebook(
  core.notebook,
  [{ words: 100_000, highlights: 5000 }],
  console.error,
);
core.notebook.searchReady();
const sample = core.notebook.store.data.documents.find((d) => d.seed)!;
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
const page = await context.newPage();
await wirePage(page, core, sample.id, {
  jsonAnswers: json,
  overHttp: process.argv.includes('--http'),
});
const c = cases[0]!;
for (let run = 0; run < 2; run++) {
  await page.goto(server.url);
  await page.locator('article.article [data-start]').first().waitFor({ timeout: 60_000 });
  await new Promise((r) => setTimeout(r, 800));
  const entry0 = page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: new RegExp(`^${c.title}`) });
  await timedOpen(entry0, c.title);
  const to = c.ranges[Math.min(4, c.ranges.length - 1)]?.start ?? c.text.length;
  const [fresh] = freeWords(c.text, 0, Math.min(to, 3000), c.ranges, 1);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const entry = page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: new RegExp(`^${c.title}`) });
  const t0 = await page.evaluate(() => performance.now());
  const marks = await timedAdd(page, c.documentId, fresh!, 'purple');
  const calls = await page.evaluate(
    (t0) =>
      (window as any).__calls
        .filter((x: any) => x.start >= t0)
        .map((x: any) => `${x.method} @${Math.round(x.start - t0)} ${Math.round(x.ms)}ms`),
    t0,
  );
  console.log(calls.join('\n'));
  const { profile } = await cdp.send('Profiler.stop');
  console.log(JSON.stringify(marks));
  console.log(
    await page.evaluate(() => {
      const a = document.querySelector('article.article');
      const p = a?.children[5] as HTMLElement;
      const cs = p && getComputedStyle(p);
      return `${a?.className} blocks=${a?.children.length} cv=${cs?.contentVisibility} cis=${cs?.containIntrinsicBlockSize} chars=${p?.style.getPropertyValue('--chars')} h=${p?.getBoundingClientRect().height}`;
    }),
  );
  const self = new Map<string, number>();
  const dt = profile.timeDeltas ?? [];
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  profile.samples!.forEach((id: number, i: number) => {
    const n: any = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
  for (const [k, v] of top) console.log(v.toFixed(0).padStart(6), k);
  // inclusive time per function
  const parent = new Map<number, number>();
  for (const n of profile.nodes as any[]) for (const ch of n.children ?? []) parent.set(ch, n.id);
  const incl = new Map<string, number>();
  profile.samples!.forEach((id: number, i: number) => {
    const seen = new Set<string>();
    let cur: number | undefined = id;
    while (cur !== undefined) {
      const n: any = byId.get(cur);
      const f = n.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      if (!seen.has(key)) {
        seen.add(key);
        incl.set(key, (incl.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
      }
      cur = parent.get(cur);
    }
  });
  console.log('-- inclusive');
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 45))
    console.log(v.toFixed(0).padStart(6), k);
  await cdp.detach();
  await core.notebook.handlers.deleteAnnotation({ id: marks.id });
  await waitForRemoved(page, 'purple');
}
await browser.close();
server.close();
await core.dispose();
