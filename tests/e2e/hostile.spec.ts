import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './harness.ts';
import { hostilePdf } from './pdf-actions.ts';
import { IMPORT_TIMEOUT } from './reader-actions.ts';

/**
 * Hostile documents: pages and Markdown written to run script, imported through the Open dialog,
 * read in the reader, and the same Markdown written into a note and read in preview. Not one
 * script may run: a tripwire (set before any of the page's own code) records every write to
 * `window.__pwned`, the payloads' alert()/confirm()/prompt() would raise dialogs, and CSP
 * violations, requests off the page's origin, new windows, frames and navigations are all
 * recorded. Every link is hovered and clicked (plain, middle and with the modifier key).
 */

const fixture = (...path: string[]) => resolve('tests', 'fixtures', ...path);

/** The import fixtures that carry payloads (scripts, handlers, javascript: links…). */
const HOSTILE_FIXTURES = [
  fixture('import', 'html', 'malicious.html'),
  fixture('import', 'html', 'scripted-page.html'),
  fixture('import', 'html', 'news-article.html'),
  fixture('import', 'markdown', 'doha-guide.md'),
  fixture('import', 'markdown', 'no-front-matter.md'),
];

const PWN = (label: string) => `window.__pwned='${label}'`;

/** Markdown with raw HTML and every disguise of a script link we know of. */
const HOSTILE_MARKDOWN = `# Hostile field notes

A paragraph of ordinary text, so the importer has something to keep.

<script>${PWN('md-script')}</script>
<SCRIPT SRC="data:text/javascript,${PWN('md-script-src')}"></SCRIPT>
<img src=x onerror="${PWN('md-img-onerror')}">
<img src="javascript:${PWN('md-img-src')}">
<iframe src="javascript:parent.__pwned='md-iframe'"></iframe>
<iframe srcdoc="<script>parent.__pwned='md-srcdoc'</script>"></iframe>
<svg onload="${PWN('md-svg-onload')}"><circle r="1" /></svg>
<svg><script>${PWN('md-svg-script')}</script></svg>
<math><maction actiontype="statusline" xlink:href="javascript:${PWN('md-math')}">m</maction></math>
<details open ontoggle="${PWN('md-details')}"><summary>s</summary>d</details>
<input autofocus onfocus="${PWN('md-autofocus')}">
<video><source onerror="${PWN('md-video')}"></video>
<object data="javascript:${PWN('md-object')}"></object>
<embed src="javascript:${PWN('md-embed')}">
<form action="javascript:${PWN('md-form')}"><button>Send</button></form>
<meta http-equiv="refresh" content="0;url=javascript:${PWN('md-refresh')}">
<base href="javascript:${PWN('md-base')}//">
<style>@import url("https://evil.example/x.css"); body { background: url(https://evil.example/b.png) }</style>
<a href="javascript:${PWN('md-raw-link')}">raw HTML link</a>
<div style="background:url(javascript:${PWN('md-style-url')})" onmouseover="${PWN('md-hover')}">hover me</div>

Links, in every disguise:
[plain](javascript:${PWN('md-link')}),
[mixed case](JaVaScRiPt:${PWN('md-mixed')}),
[spaces]( javascript:${PWN('md-spaces')} ),
[entity j](&#106;avascript:${PWN('md-entity-j')}),
[entity tab](jav&#x09;ascript:${PWN('md-entity-tab')}),
[entity colon](javascript&#58;${PWN('md-entity-colon')}),
[percent](javascript%3A${PWN('md-percent')}),
[escaped](java\\script:${PWN('md-escaped')}),
[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0nZGF0YSc8L3NjcmlwdD4=),
[DATA](DATA:text/html,<script>${PWN('md-data')}</script>),
[vbscript](vbscript:msgbox(1)),
[VBScript](VBScript:msgbox(1)),
[file](file:///etc/passwd),
[reference][evil],
<javascript:${PWN('md-autolink')}>,
![image](javascript:${PWN('md-image')}),
![broken attribute](x" onerror="${PWN('md-attr-break')}),
and one honest [web link](https://example.com/report) and [mail](mailto:desk@example.com).

[evil]: javascript:${PWN('md-reference')}
`;

/** The same, as a web page (the importer reads HTML by another path than Markdown). */
const HOSTILE_HTML = `<!doctype html>
<html><head><title>Hostile page</title>
<script>${PWN('html-head-script')}</script></head>
<body onload="${PWN('html-body-onload')}">
<article>
<h1>Hostile page</h1>
<p>Ordinary text the reader should show. <img src=x onerror="${PWN('html-img')}"></p>
<p><a href="javascript:${PWN('html-link')}">a script link</a>,
<a href=" JAVASCRIPT:${PWN('html-link-upper')}">an upper-case one</a>,
<a href="&#x6A;avascript:${PWN('html-link-entity')}">an encoded one</a>,
<a href="java&#x0A;script:${PWN('html-link-newline')}">a broken one</a>,
<a href="data:text/html,<script>${PWN('html-data')}</script>">a data link</a>,
<a href="vbscript:msgbox(1)">a vbscript link</a>,
<a href="https://example.com/fine" onclick="${PWN('html-onclick')}">a web link with a handler</a>.</p>
<svg><a href="javascript:${PWN('html-svg-link')}"><text>svg link</text></a></svg>
<iframe srcdoc="<script>parent.__pwned='html-srcdoc'</script>"></iframe>
</article>
<script>${PWN('html-tail-script')}</script>
</body></html>
`;

/** Before any of the page's code: record every way a payload could show it ran. */
const TRIPWIRE = `(() => {
  const trips = [];
  Object.defineProperty(window, '__trips', { value: trips });
  let pwned;
  // Not configurable: a payload cannot delete the tripwire or redefine it quietly.
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get() { return pwned; },
    set(value) { pwned = value; trips.push('__pwned = ' + String(value)); },
  });
  document.addEventListener('securitypolicyviolation', (e) => {
    trips.push('CSP blocked ' + e.violatedDirective + ' ' + e.blockedURI);
  }, true);
  // On Linux a middle click pastes the X primary selection (whatever was last selected, by any
  // test), which the app imports as a new document. That is not what is tested here: drop it.
  let middleAt = 0;
  for (const type of ['mousedown', 'mouseup', 'auxclick']) {
    addEventListener(type, (e) => { if (e.button === 1) middleAt = Date.now(); }, true);
  }
  addEventListener('paste', (e) => {
    if (Date.now() - middleAt < 1000) { e.stopImmediatePropagation(); e.preventDefault(); }
  }, true);
})();`;

interface Watch {
  dialogs: string[];
  popups: string[];
  offOrigin: string[];
  navigations: string[];
}

function watch(page: Page, origin: string): Watch {
  const seen: Watch = { dialogs: [], popups: [], offOrigin: [], navigations: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('popup', (popup) => seen.popups.push(popup.url()));
  page.context().on('page', (other) => {
    if (other !== page) seen.popups.push(other.url());
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`)) seen.offOrigin.push(url);
  });
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame() || !frame.url().startsWith(`${origin}/`))
      seen.navigations.push(frame.url());
  });
  return seen;
}

/** Anything active left in the page: scripts, frames, handlers, script URLs. */
function activeContent(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    // As a browser reads a URL: control characters and spaces do not count.
    const scheme = (value: string) => {
      const bare = [...value].filter((c) => c.charCodeAt(0) > 0x20).join('');
      return /^([a-z][a-z0-9+.-]*):/i.exec(bare)?.[1]?.toLowerCase() ?? null;
    };
    const scriptSchemes = ['javascript', 'vbscript'];
    for (const element of document.querySelectorAll('*')) {
      const tag = element.tagName.toLowerCase();
      const ownBundle =
        tag === 'script' && element.getAttribute('type') === 'module' && element.closest('head');
      if (tag === 'script' && !ownBundle) found.push('<script>');
      if (['iframe', 'frame', 'object', 'embed', 'form', 'base'].includes(tag)) found.push(tag);
      if (tag === 'meta' && !element.closest('head')) found.push('<meta> in the body');
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) found.push(`${tag}[${name}]`);
        if (name === 'srcdoc') found.push(`${tag}[srcdoc]`);
        const target = ['href', 'xlink:href', 'action', 'formaction', 'data'].includes(name);
        const used = scheme(attribute.value);
        if (used && scriptSchemes.includes(used) && (target || name === 'src'))
          found.push(`${tag}[${name}=${attribute.value}]`);
        // A data: URL is fine as an image, never as a place to go.
        if (used === 'data' && target) found.push(`${tag}[${name}=${attribute.value}]`);
      }
    }
    return found;
  });
}

/**
 * Hover every element matching the selector, then click it: plainly, with the middle button, with
 * the modifier key and with Shift (new tab, new window). After each, the page must still be ours.
 */
async function poke(page: Page, seen: Watch, selector: string) {
  const home = page.url();
  const targets = page.locator(selector);
  const count = await targets.count();
  for (let i = 0; i < count; i++) {
    const target = targets.nth(i);
    const text = await target.textContent();
    await target.scrollIntoViewIfNeeded({ timeout: 5000 });
    await target.hover({ timeout: 5000 });
    for (const options of [
      {},
      { button: 'middle' as const },
      { modifiers: ['ControlOrMeta' as const] },
      { modifiers: ['Shift' as const] },
    ]) {
      await target.click({ ...options, timeout: 5000 });
      expect(page.url(), `clicking “${text}” ${JSON.stringify(options)}`).toBe(home);
      expect(seen.popups, `clicking “${text}” ${JSON.stringify(options)}`).toEqual([]);
    }
    await page.keyboard.press('Escape');
  }
  return count;
}

/** Everything the tripwire and the watchers have seen so far. */
async function observe(page: Page, seen: Watch) {
  const state = await page.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown; __trips: string[]; __session?: string };
    return {
      pwned: w.__pwned,
      trips: [...w.__trips],
      session: w.__session,
      frames: window.frames.length,
    };
  });
  return { ...state, ...structuredClone(seen), active: await activeContent(page), url: page.url() };
}

async function expectNothingRan(page: Page, seen: Watch, where: string) {
  // Give anything deferred (onload, autofocus, timers) its chance to go off. Nothing happening
  // has no event to wait for, so this is a grace period; the detectors' own test below waits
  // for what it looks for instead.
  await page.waitForTimeout(250);
  const state = await observe(page, seen);
  expect(state.pwned, `window.__pwned after ${where}`).toBeUndefined();
  expect(state.trips, `tripwire after ${where}`).toEqual([]);
  expect(state.frames, `frames after ${where}`).toBe(0);
  // Same document as at the start: nothing navigated or reloaded the page.
  expect(state.session, `page replaced after ${where}`).toBe('hostile-spec');
  expect(
    { dialogs: state.dialogs, popups: state.popups, offOrigin: state.offOrigin },
    `after ${where}`,
  ).toEqual({ dialogs: [], popups: [], offOrigin: [] });
  expect(state.navigations, `navigations after ${where}`).toEqual([]);
  expect(state.active, `active content after ${where}`).toEqual([]);
  expect(state.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
}

async function openApp(page: Page) {
  await page.addInitScript({ content: TRIPWIRE });
  await page.goto('/');
  const seen = watch(page, new URL(page.url()).origin);
  await page.evaluate(() => {
    (window as unknown as { __session: string }).__session = 'hostile-spec';
  });
  // The app is up, on the harness's notebook.
  await expect(
    page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('list', { name: /^Documents by/ })
      .getByRole('listitem'),
  ).toHaveCount(1);
  return seen;
}

// The detectors themselves: each sees what it looks for (else a pass below would mean nothing).
test('the tripwire catches a script that runs, a dialog, a frame, a handler and a blocked load', async ({
  page,
  harness: _harness,
}) => {
  const seen = await openApp(page);
  await expectNothingRan(page, seen, 'start-up');
  // Code run by Playwright stands in for a payload that got through.
  await page.evaluate(() => {
    (window as unknown as { __pwned: string }).__pwned = 'stand-in payload';
    document.body.insertAdjacentHTML(
      'beforeend',
      '<div onmouseover="x()">x</div><a href=" JavaScript:x()">y</a><iframe></iframe>' +
        '<img src="https://evil.example/pixel.png">',
    );
    setTimeout(() => alert('stand-in alert'));
  });
  // The alert and the CSP report arrive later: look again until each detector has seen its own.
  await expect
    .poll(async () => {
      const { pwned, trips, dialogs, frames, active } = await observe(page, seen);
      return { pwned, trips, dialogs, frames, active: active.sort() };
    })
    .toEqual({
      pwned: 'stand-in payload',
      trips: expect.arrayContaining([
        '__pwned = stand-in payload',
        'CSP blocked img-src https://evil.example/pixel.png',
      ]),
      dialogs: ['alert: stand-in alert'],
      frames: 1,
      active: ['a[href= JavaScript:x()]', 'div[onmouseover]', 'iframe'],
    });
});

test('hostile pages and Markdown, imported, read and written into a note, run no script', async ({
  page,
  harness,
}) => {
  test.setTimeout(120_000);
  const folder = await mkdtemp(join(tmpdir(), 'marginalia-hostile-'));
  try {
    const markdownFile = join(folder, 'hostile-notes.md');
    const htmlFile = join(folder, 'hostile-page.html');
    await writeFile(markdownFile, HOSTILE_MARKDOWN);
    await writeFile(htmlFile, HOSTILE_HTML);

    await harness.notebook.handlers.createNote({
      title: 'Hostile note',
      body: HOSTILE_MARKDOWN,
      tagIds: [],
      documentId: null,
    });

    const seen = await openApp(page);
    const library = page.getByRole('navigation', { name: 'Library' });
    await expectNothingRan(page, seen, 'start-up');

    // File > Import… with every hostile file at once.
    harness.host.dialogFiles = [...HOSTILE_FIXTURES, markdownFile, htmlFile];
    await library.getByRole('button', { name: 'Import…' }).click();
    const report = page.getByRole('dialog', { name: 'Import finished' });
    await expect(report).toBeVisible(IMPORT_TIMEOUT);
    // Every one is imported (as text): hostile input is defused, not merely refused.
    await expect(report).toContainText(`Imported ${harness.host.dialogFiles.length} documents.`);
    await expect(report.getByRole('listitem')).toHaveCount(harness.host.dialogFiles.length);
    await expectNothingRan(page, seen, 'the import report');
    await report.getByRole('button', { name: 'Done' }).click();

    // Read each document; hover and click every link in it.
    const documents = library.locator('.document-item');
    await expect(documents).toHaveCount(1 + harness.host.dialogFiles.length);
    const count = await documents.count();
    let links = 0;
    for (let i = 0; i < count; i++) {
      const item = documents.nth(i);
      const title = (await item.locator('.document-title').textContent()) ?? `document ${i}`;
      await item.click();
      await expect(item).toHaveAttribute('aria-current', 'page');
      // The reader shows the document before this one until this one's text arrives.
      await expect(page.locator('.doc-header h1')).toHaveText(title);
      await expect(page.locator('.article')).toBeVisible();
      links += await poke(page, seen, '.article .doc-link');
      await expectNothingRan(page, seen, `reading “${title}”`);
    }
    // The pages' honest links survive as (inert) links; there were some to click.
    expect(links).toBeGreaterThan(0);

    // The note holding the same Markdown, in preview.
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Notes' })
      .click();
    await page
      .getByRole('listbox', { name: 'Notes' })
      .getByRole('option', { name: /Hostile note/ })
      .click();
    await expect(page.getByRole('textbox', { name: 'Note text' })).toHaveValue(HOSTILE_MARKDOWN);
    await expectNothingRan(page, seen, 'editing the note');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('.note-pane');
    await expect(preview.getByText('A paragraph of ordinary text')).toBeVisible();
    await expectNothingRan(page, seen, 'opening the note in preview');
    // Raw HTML is dropped, not rendered: its text never shows.
    await expect(preview.getByText('hover me')).toHaveCount(0);
    await expect(preview.locator('.md-link', { hasText: 'web link' })).toBeVisible();
    const noteLinks = '.note-pane .md-link, .note-pane .md-image';
    // Every link and image rendered before they are poked (the preview renders asynchronously).
    await expect.poll(() => page.locator(noteLinks).count()).toBeGreaterThan(10);
    await poke(page, seen, noteLinks);
    // Only the honest web and mail addresses are kept; every script link lost its address.
    await expect
      .poll(() =>
        preview
          .locator('.md-link[title]')
          .evaluateAll((links) => links.map((l) => l.getAttribute('title')?.split('\n')[0]).sort()),
      )
      .toEqual(['https://example.com/report', 'mailto:desk@example.com']);
    await expectNothingRan(page, seen, 'the note in preview');

    // What reached "open in the browser" (the harness stands in for the confirming user): honest
    // http(s) addresses only, never one of the script links clicked alongside them.
    await expect.poll(() => harness.host.openedLinks).toContain('https://example.com/report');
    for (const url of harness.host.openedLinks) {
      expect(new URL(url).protocol).toMatch(/^https?:$/);
      expect(url).not.toMatch(/javascript|vbscript|data:|pwned/i);
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('a PDF written to run script opens, reads and is selected without running any of it', async ({
  page,
  harness,
}) => {
  test.setTimeout(90_000);
  const folder = await mkdtemp(join(tmpdir(), 'marginalia-hostile-pdf-'));
  try {
    const file = join(folder, 'hostile.pdf');
    await writeFile(file, await hostilePdf());
    const seen = await openApp(page);
    const library = page.getByRole('navigation', { name: 'Library' });
    harness.host.dialogFiles = [file];
    await library.getByRole('button', { name: 'Import…' }).click();
    await library.getByRole('button', { name: /^hostile/ }).click(IMPORT_TIMEOUT);
    const pageBox = page.locator('.pdf-page[data-page-index="0"]');
    await expect(pageBox.locator('.textLayer span').first()).toBeAttached({ timeout: 15_000 });
    await expectNothingRan(page, seen, 'opening the PDF');
    // Where the links are on the page: clicking there selects, never follows.
    const box = (await pageBox.boundingBox())!;
    for (const y of [127, 152, 177, 282]) {
      await page.mouse.click(box.x + 150, box.y + y * (box.height / 792));
      await page.keyboard.down('ControlOrMeta');
      await page.mouse.click(box.x + 150, box.y + y * (box.height / 792));
      await page.keyboard.up('ControlOrMeta');
    }
    // Ctrl/Cmd+click on its web link goes only through the confirm-before-open path (the harness
    // stands for the user saying yes); its script, launch and form actions go nowhere.
    await expect.poll(() => harness.host.openedLinks).toEqual(['https://evil.example/pdf']);
    await poke(page, seen, '.pdf-page[data-page-index="0"] .textLayer span');
    await expectNothingRan(page, seen, 'clicking the PDF’s links and text');
    expect(harness.host.openedLinks).toEqual(['https://evil.example/pdf']);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
