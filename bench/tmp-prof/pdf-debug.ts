import { launchChromium, wirePage } from '../pdf/browser.ts';
import { ensureRendererBuild, rendererDir } from '../pdf/build.ts';
import { importPdf, openBenchCore } from '../pdf/core.ts';
import { spreadRanges } from '../pdf/ranges.ts';
import { serveDirectory } from '../pdf/static-server.ts';

const bookPath = process.argv[2]!;
ensureRendererBuild(console.error);
const core = await openBenchCore({ seed: true });
const server = await serveDirectory(rendererDir);
const { documentId } = await importPdf(core, bookPath);
const sample = core.notebook.store.data.documents.find((d) => d.id !== documentId)!;
const doc = core.notebook.store.data.documents.find((d) => d.id === documentId)!;
for (const r of spreadRanges(doc.text, 2000)) await core.notebook.handlers.createAnnotation({ documentId, ...r, color: 'yellow' });
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
const page = await context.newPage();
await wirePage(page, core, sample.id);
await page.goto(server.url);
await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: new RegExp(`^${doc.title.slice(0, 10)}`) }).click();
await new Promise((r) => setTimeout(r, 2000));
await page.evaluate(() => { const s = document.querySelector('.reader-scroll')!; s.scrollTop = s.scrollHeight; });
await new Promise((r) => setTimeout(r, 3000));
console.log('at end');
await page.goto(server.url);
await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: new RegExp(`^${doc.title.slice(0, 10)}`) }).click();
await new Promise((r) => setTimeout(r, 3000));
await page.evaluate(() => document.querySelector('.reader-scroll')?.scrollTo(0, 0));
for (let i = 0; i < 6; i++) {
  await new Promise((r) => setTimeout(r, 1000));
  console.log(await page.evaluate(() => {
    const set = CSS.highlights.get('mg-yellow') as unknown as Set<Range> | undefined;
    const pages = [...document.querySelectorAll('.pdf-page')].filter((p) => p.querySelector('.textLayer span')).map((p) => (p as HTMLElement).dataset.pageIndex);
    const inFirst = [...(set ?? [])].filter((r) => document.querySelector('.pdf-page[data-page-index="0"]')?.contains(r.startContainer)).length;
    return `yellow=${set?.size} pagesWithText=${pages.join(',')} inFirst=${inFirst} scrollTop=${document.querySelector('.reader-scroll')?.scrollTop}`;
  }));
}
await page.screenshot({ path: '/tmp/prof/pdf-debug.png' });
await browser.close(); server.close(); await core.dispose();
