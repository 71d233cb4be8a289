import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openNotebook } from '../../electron/notebook/notebook.ts';
import { seriousViolations } from './axe.ts';
import { expect, screenshotPath, test } from './harness.ts';

const SECOND = [
  'Interview with a shopkeeper in Kabul.',
  'The base should stay closed, he said, because the war is over for us.',
  'Foreign troops brought money, but they also brought fear.',
].join('\n');

/** A coder in their own data folder: opens the package, codes, and hands in their file. */
async function coder(name: string, pkg: string, out: string, codes: [string, string][]) {
  const dir = await mkdtemp(join(tmpdir(), `marginalia-coder-${name}-`));
  const notebook = await openNotebook({
    dataDir: dir,
    resourcesDir: resolve('resources'),
    seed: false,
    host: {
      chooseImportFiles: async () => [pkg],
      chooseSavePath: async ({ defaultName }) => join(out, defaultName),
    },
  });
  try {
    await notebook.handlers.updateSettings({ coderName: name });
    const round = (await notebook.handlers.openRoundPackage({}))!;
    for (const [phrase, tagName] of codes) {
      const doc = notebook.store.data.documents.find(
        (d) => round.documentIds.includes(d.id) && d.text.includes(phrase),
      )!;
      const start = doc.text.indexOf(phrase);
      const tag = notebook.store.data.tags.find((t) => t.name === tagName)!;
      await notebook.handlers.createAnnotation({
        documentId: doc.id,
        start,
        end: start + phrase.length,
        color: 'yellow',
        tagIds: [tag.id],
      });
    }
    return (await notebook.handlers.exportCodingFile({ roundId: round.id, close: true }))!.path;
  } finally {
    await notebook.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test('a coding round: package, two coders, comparison and figures, two settled, the report', async ({
  page,
  harness,
}) => {
  test.setTimeout(120_000);
  const out = await mkdtemp(join(tmpdir(), 'marginalia-round-'));
  try {
    const lead = harness.notebook.handlers;
    await lead.createTag({ name: 'stance/defiance' });
    await lead.createTag({ name: 'actors' });
    await lead.importText({ jobId: 'second', text: SECOND, html: '' });
    await page.goto('/');
    await page.keyboard.press('Control+7');
    const view = page.getByRole('region', { name: 'Team coding' });
    await expect(view).toContainText('Code as a team');

    // The lead starts the round: both documents, instructions, their own name.
    await view.getByRole('button', { name: 'New Round…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New Coding Round' });
    await dialog.getByLabel('Round name').fill('Stance, first pass');
    await dialog
      .getByLabel('Instructions for the coders')
      .fill('Code every refusal as stance/defiance.');
    await dialog.getByLabel('Your name (as lead)').fill('Lena');
    await dialog.getByRole('checkbox', { name: /Afghan officials reject/ }).check();
    await dialog.getByRole('checkbox', { name: /Interview with a shopkeeper/ }).check();
    const pkg = join(out, 'round.mpackage');
    harness.host.savePath = pkg;
    await dialog.getByRole('button', { name: 'Save Package…' }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(() => existsSync(pkg)).toBe(true);

    // Two coders, in their own folders, code it differently.
    const ana = await coder('Ana', pkg, out, [
      ['we are ready to fight you for the next 20 years', 'stance/defiance'],
      ['The base should stay closed', 'stance/defiance'],
      ['Mujahid', 'actors'],
    ]);
    const ben = await coder('Ben', pkg, out, [
      ['ready to fight you', 'stance/defiance'],
      ['The base should stay closed', 'stance/defiance'],
      ['Foreign troops brought money', 'stance/defiance'],
      ['Mujahid', 'actors'],
    ]);

    // The lead collects both files as layers and sees the comparison and the figures.
    harness.host.dialogFiles = [ana, ben];
    await view.getByRole('button', { name: 'Collect Coding Files…' }).click();
    await expect(view).toContainText('coded by Ana (3), Ben (4)');
    const comparison = view.getByRole('region', { name: 'Comparison of the coders' });
    await expect(comparison.locator('.compare-mark.disagree').first()).toBeVisible();
    await expect(comparison.locator('.compare-lane.agree').first()).toBeVisible();
    const agreement = view.getByRole('region', { name: 'Agreement', exact: true });
    await expect(agreement.getByText(/^α = /)).toBeVisible();
    await expect(agreement).toContainText('Krippendorff (2004, p. 241)');
    await expect(agreement.getByRole('table', { name: 'Agreement per code' })).toContainText(
      'stance/defiance',
    );
    // Any subset: one code (and those below it) narrows the figures, and all of them come back.
    const perCode = agreement.getByRole('table', { name: 'Agreement per code' });
    await agreement.getByLabel('Codes').selectOption({ label: 'actors (and below)' });
    await expect(perCode.getByRole('row')).toHaveCount(2);
    await expect(perCode).toContainText('actors');
    await agreement.getByLabel('Codes').selectOption({ label: 'All' });
    await expect(perCode.getByRole('row')).toHaveCount(3);
    await expect(agreement.getByRole('table', { name: 'Agreement per document' })).toContainText(
      'Interview',
    );
    await view
      .getByLabel('Document', { exact: true })
      .selectOption({ label: "Afghan officials reject Trump's demands to return Bagram Air Base" });
    const settle = view.getByRole('region', { name: 'Disagreement', exact: true });
    await expect(settle).toContainText('Disagreement 1 of');
    await page.screenshot({ path: screenshotPath('team-compare') });
    const problems = await seriousViolations(page, 'comparison (light)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: screenshotPath('dark-team-compare') });
    problems.push(...(await seriousViolations(page, 'comparison (dark)')));
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);

    // Settle two disagreements: the overlap of the one in the article, then, in the interview,
    // Ben's version (by key: coder 2), after stepping with N and P.
    await settle.getByRole('button', { name: 'Overlap' }).click();
    await expect(page.getByText(/^Settled: “ready to fight you”/)).toBeVisible();
    await expect(settle).toContainText('Disagreement 1 of 1 · settled');
    await view
      .getByLabel('Document', { exact: true })
      .selectOption({ label: 'Interview with a shopkeeper in Kabul.' });
    await expect(settle).toContainText('Foreign troops brought money');
    await expect(settle).toContainText('did not code this passage');
    // The overlap of a passage one coder left uncoded is nothing: refused, and said so.
    harness.expectedErrors.push(/Not every coder marked text here/);
    await page.keyboard.press('o');
    await expect(page.getByText(/Not every coder marked text here/)).toBeVisible();
    await page.keyboard.press('n');
    await page.keyboard.press('p');
    await page.keyboard.press('2');
    await expect
      .poll(() => harness.notebook.store.data.annotations.filter((a) => a.consensus).length)
      .toBe(2);
    const settled = harness.notebook.store.data.annotations.filter((a) => a.consensus);
    expect(settled.map((a) => a.consensus!.how).sort()).toEqual(['one', 'overlap']);
    expect(settled.find((a) => a.consensus!.how === 'one')!.consensus!.coders).toHaveLength(1);
    await expect(comparison.locator('.compare-mark.settled').first()).toBeVisible();

    // The report, saved and opened as a reader of it would.
    const report = join(out, 'agreement.html');
    harness.host.savePath = report;
    await agreement.getByRole('button', { name: 'Save Report…' }).click();
    await expect.poll(() => existsSync(report)).toBe(true);
    const html = await readFile(report, 'utf8');
    expect(html).toContain('Krippendorff');
    expect(html).toContain('Ana');
    const reportPage = await page.context().newPage();
    await reportPage.goto(pathToFileURL(report).href);
    await expect(reportPage.locator('body')).toContainText('stance/defiance');
    await reportPage.screenshot({ path: screenshotPath('team-report'), fullPage: true });
    await reportPage.emulateMedia({ colorScheme: 'dark' });
    await reportPage.screenshot({ path: screenshotPath('dark-team-report') });
    await reportPage.close();
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('a coder opens a package (asked their name once), codes with the lead’s codebook, proposes a code and hands in', async ({
  page,
  harness,
}) => {
  const out = await mkdtemp(join(tmpdir(), 'marginalia-round-'));
  const leadDir = await mkdtemp(join(tmpdir(), 'marginalia-lead-'));
  try {
    // The lead, in their own folder, hands out a package of the sample article.
    const lead = await openNotebook({
      dataDir: leadDir,
      resourcesDir: resolve('resources'),
      host: { chooseSavePath: async ({ defaultName }) => join(out, defaultName) },
    });
    await lead.handlers.updateSettings({ coderName: 'Lena' });
    await lead.handlers.createTag({ name: 'stance/defiance' });
    const [sample] = await lead.handlers.listDocuments({});
    const made = await lead.handlers.createRound({
      name: 'Stance',
      instructions: 'Mark every refusal.',
      documentIds: [sample!.id],
    });
    await lead.close();

    await page.goto('/');
    await page.keyboard.press('Control+7');
    const view = page.getByRole('region', { name: 'Team coding' });
    harness.host.dialogFiles = [made!.path];
    await view.getByRole('button', { name: 'Open Coding Package…' }).click();
    const ask = page.getByRole('dialog', { name: 'Your Name as Coder' });
    await ask.getByLabel('Name').fill('Ana');
    await ask.getByRole('button', { name: 'Continue' }).click();
    await expect(view).toContainText('Coding as Ana');
    await expect(view).toContainText('Mark every refusal.');
    await page.screenshot({ path: screenshotPath('team-coder') });

    // The codebook is the lead's: a new tag is refused and a code is proposed instead.
    harness.expectedErrors.push(/The codebook is read-only/);
    await expect(harness.notebook.dispatch('createTag', { name: 'mine' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    await view.getByLabel('Name').fill('stance/hedging');
    await view.getByLabel('What it is for').fill('Refusals with a way out');
    await view.getByRole('button', { name: 'Propose' }).click();
    await expect(view).toContainText('Proposed: stance/hedging');

    const file = join(out, 'ana.mcoding');
    harness.host.savePath = file;
    await view.getByRole('button', { name: 'Hand In Coding File…' }).click();
    await expect.poll(() => existsSync(file)).toBe(true);
    await expect(view).toContainText('handed in');
    const coding = JSON.parse(await readFile(file, 'utf8'));
    expect(coding).toMatchObject({ format: 'marginalia-coding', coder: { name: 'Ana' } });
    expect(coding.proposals.map((p: { name: string }) => p.name)).toEqual(['stance/hedging']);
  } finally {
    await rm(out, { recursive: true, force: true });
    await rm(leadDir, { recursive: true, force: true });
  }
});
