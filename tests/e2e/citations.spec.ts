import { expect, test } from './harness.ts';

const BIBTEX = `@article{smithWarAfghanistan2021,
  title = {The War in Afghanistan},
  author = {Smith, Jane and van der Berg, Piet},
  journaltitle = {Journal of Conflict},
  volume = {12}, number = {3}, pages = {45--67},
  date = {2021-03-04}, doi = {10.1234/jc.2021.3}
}`;

test('paste BibTeX into the details, save, and find the citation there again', async ({
  page,
  harness: _,
}) => {
  await page.goto('/');
  const openDetails = page.getByRole('button', { name: 'Edit document details' });
  const details = page.getByRole('dialog', { name: 'Document details' });
  await openDetails.click();
  await expect(details).toBeVisible();

  // Bad input says what is wrong and fills nothing.
  const paste = details.getByLabel('Paste BibTeX or CSL-JSON');
  await paste.fill('@article{x,\n  title = {ok},\n  author = Smith and,\n}');
  await details.getByRole('button', { name: 'Fill in from it' }).click();
  await expect(details.getByRole('alert')).toContainText('Line 3 of the BibTeX');
  await expect(details.getByLabel('Citation key')).toHaveValue('');

  await paste.fill(BIBTEX);
  await details.getByRole('button', { name: 'Fill in from it' }).click();
  await expect(details.getByLabel('Citation key')).toHaveValue('smithWarAfghanistan2021');
  await expect(details.getByLabel('Author 2 family name')).toHaveValue('van der Berg');
  await expect(details.getByLabel('Appeared in')).toHaveValue('Journal of Conflict');
  await expect(details.getByLabel('Pages')).toHaveValue('45-67');
  await expect(details.getByText('Cited as Smith & van der Berg (2021)')).toBeVisible();
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details).toBeHidden();

  await openDetails.click();
  await expect(details.getByLabel('Citation key')).toHaveValue('smithWarAfghanistan2021');
  await expect(details.getByLabel('Author 1 family name')).toHaveValue('Smith');
  await expect(details.getByLabel('Author 1 given names')).toHaveValue('Jane');
  await expect(details.getByLabel('Issued')).toHaveValue('2021-03-04');
  await expect(details.getByLabel('DOI')).toHaveValue('10.1234/jc.2021.3');
  await expect(details.getByLabel('Type')).toHaveValue('article-journal');
});
