import { launchChromium, wirePage } from '../pdf/browser.ts';
import { ensureRendererBuild, rendererDir } from '../pdf/build.ts';
import { openBenchCore } from '../pdf/core.ts';
import { freeWords } from '../pdf/ranges.ts';
import { serveDirectory } from '../pdf/static-server.ts';
import { writeReaderNotebook } from '../reader/fixture.ts';
import { timedAdd, timedOpen, waitForRemoved } from '../reader/measures.ts';

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
await wirePage(page, core, sample.id, { overHttp: true });
const c = cases[0]!;
for (let run = 0; run < 2; run++) {
  await page.goto(server.url);
  await page.locator('article.article [data-start]').first().waitFor({ timeout: 60_000 });
  await new Promise((r) => setTimeout(r, 800));
  const entry = page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: new RegExp(`^${c.title}`) });
  const opened = await timedOpen(entry, c.title);
  console.log('opened', JSON.stringify(opened));
  const to = c.ranges[Math.min(4, c.ranges.length - 1)]?.start ?? c.text.length;
  const [fresh] = freeWords(c.text, 0, Math.min(to, 3000), c.ranges, 1);
  await page.evaluate(() => performance.mark('answered:getDocument'));
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
  });
  await page.evaluate(() => performance.mark('answered:getDocument'));
  const marks = await timedAdd(page, c.documentId, fresh!, 'purple');
  const buf = await browser.stopTracing();
  await core.notebook.handlers.deleteAnnotation({ id: marks.id });
  await waitForRemoved(page, 'purple');
  console.log(JSON.stringify(marks));
  const events = JSON.parse(buf.toString()).traceEvents as any[];
  const sums = new Map<string, { n: number; ms: number; max: number }>();
  // main thread: the thread of the renderer with most RunTask
  const tasks = events.filter((e) => e.name === 'RunTask' && e.dur > 50_000);
  for (const t of tasks) console.log('long task', (t.dur / 1000).toFixed(0), 'ms tid', t.tid);
  const tid = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((f) => f.tid === e.tid && f.name === 'RunTask' && f.dur > 1000))?.tid;
  for (const e of events) {
    if (e.ph !== 'X' || e.tid !== tid) continue;
    if (
      ![
        'Layout',
        'UpdateLayoutTree',
        'Paint',
        'PrePaint',
        'Layerize',
        'FunctionCall',
        'EvaluateScript',
        'ParseHTML',
        'HitTest',
        'ScheduleStyleRecalculation',
        'v8.callFunction',
        'TimerFire',
        'FireAnimationFrame',
        'EventDispatch',
        'v8.run',
        'V8.GC_SCAVENGER',
        'MajorGC',
        'MinorGC',
        'Commit',
        'IntersectionObserverController::computeIntersections',
        'UpdateLayer',
        'CompositeLayers',
      ].includes(e.name)
    )
      continue;
    const s = sums.get(e.name) ?? { n: 0, ms: 0, max: 0 };
    s.n++;
    s.ms += e.dur / 1000;
    s.max = Math.max(s.max, e.dur / 1000);
    sums.set(e.name, s);
  }
  const clickMark = events.find((e) => e.name === 'answered:getDocument');
  const t0 = clickMark?.ts ?? 0;
  for (const e of events.filter((e) => e.name?.startsWith('answered:')))
    console.log('mark', e.name, ((e.ts - t0) / 1000).toFixed(0));
  for (const e of events.filter(
    (e) =>
      e.tid === tid && e.ph === 'X' && e.name === 'RunTask' && e.dur > 2000 && e.ts >= t0 - 5000 && e.ts <= t0 + 200000,
  )) {
    const inner = events.filter(
      (f) =>
        f.tid === tid &&
        f.ph === 'X' &&
        f.ts >= e.ts &&
        f.ts + f.dur <= e.ts + e.dur &&
        [
          'FunctionCall',
          'TimerFire',
          'FireAnimationFrame',
          'UpdateLayoutTree',
          'Layout',
          'EventDispatch',
          'v8.callFunction',
          'Paint',
        ].includes(f.name) &&
        f.dur > 1500,
    );
    console.log(
      'task @',
      ((e.ts - t0) / 1000).toFixed(0),
      (e.dur / 1000).toFixed(0),
      'ms:',
      inner
        .map(
          (f) =>
            `${f.name}${f.args?.data?.functionName ? '(' + f.args.data.functionName + ':' + f.args.data.lineNumber + ')' : ''}${f.args?.data?.type ? '[' + f.args.data.type + ']' : ''} ${(f.dur / 1000).toFixed(0)}`,
        )
        .join(', '),
    );
  }
  for (const [k, v] of [...sums].sort((a, b) => b[1].ms - a[1].ms))
    console.log(k.padEnd(30), v.n, v.ms.toFixed(0), 'max', v.max.toFixed(0));
}
await browser.close();
server.close();
await core.dispose();
