import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { parseCitationText } from '../../electron/notebook/citations/parse-citation.ts';
import { DocumentDetailsDialog } from '../../renderer/src/reader/DocumentDetailsDialog.tsx';
import type { CslRecord } from '../../shared/citations/citations.ts';
import type { NotebookDocument } from '../../shared/model.ts';

const BIBTEX = `@article{smithWarAfghanistan2021,
  title = {The War in Afghanistan},
  author = {Smith, Jane and van der Berg, Piet},
  journaltitle = {Journal of Conflict},
  volume = {12}, number = {3}, pages = {45--67},
  date = {2021-03-04}, doi = {10.1234/jc.2021.3}
}`;

const doc = (csl?: CslRecord) =>
  ({
    id: 'doc-1',
    title: '',
    author: '',
    source: '',
    url: '',
    publishedDate: '',
    importedAt: '2026-01-01T00:00:00.000Z',
    ...(csl ? { csl } : {}),
  }) as NotebookDocument;

/** The core's parser, as the page reaches it through parseCitation. */
const parse = async (text: string) => parseCitationText(text);

function open(document: NotebookDocument, onSave = vi.fn(async () => {})) {
  const user = userEvent.setup();
  const view = render(
    <DocumentDetailsDialog
      document={document}
      onSave={onSave}
      onClose={() => {}}
      parseCitation={parse}
    />,
  );
  return { user, onSave, view };
}

const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;

describe('DocumentDetailsDialog: citation', () => {
  it('fills the fields from pasted BibTeX, saves the record, and shows it when reopened', async () => {
    const { user, onSave, view } = open(doc());
    await user.click(screen.getByLabelText('Paste BibTeX or CSL-JSON'));
    await user.paste(BIBTEX);
    await user.click(screen.getByRole('button', { name: 'Fill in from it' }));
    await waitFor(() => expect(field('Citation key').value).toBe('smithWarAfghanistan2021'));
    expect(field('Author 1 family name').value).toBe('Smith');
    expect(field('Author 2 family name').value).toBe('van der Berg');
    expect(field('Author 2 given names').value).toBe('Piet');
    expect(field('Appeared in').value).toBe('Journal of Conflict');
    expect(field('Volume').value).toBe('12');
    expect(field('Issue').value).toBe('3');
    expect(field('Pages').value).toBe('45-67');
    expect(field('DOI').value).toBe('10.1234/jc.2021.3');
    expect(field('Issued').value).toBe('2021-03-04');
    expect((screen.getByLabelText('Type') as HTMLSelectElement).value).toBe('article-journal');
    // An empty title takes the record's.
    expect(field('Title').value).toBe('The War in Afghanistan');
    expect(screen.getByText('Cited as Smith & van der Berg (2021)')).toBeTruthy();

    // One more author, by keyboard-reachable controls.
    await user.click(screen.getByRole('button', { name: 'Add author' }));
    await user.type(field('Author 3 family name'), 'Lee');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const saved = (onSave.mock.calls[0] as unknown as [{ csl: CslRecord; title: string }])[0];
    expect(saved.title).toBe('The War in Afghanistan');
    expect(saved.csl).toMatchObject({
      id: 'smithWarAfghanistan2021',
      'citation-key': 'smithWarAfghanistan2021',
      type: 'article-journal',
      author: [
        { family: 'Smith', given: 'Jane' },
        { family: 'Berg', given: 'Piet', 'non-dropping-particle': 'van der' },
        { family: 'Lee' },
      ],
      issued: { 'date-parts': [[2021, 3, 4]] },
    });

    view.unmount();
    open(doc(saved.csl));
    expect(field('Citation key').value).toBe('smithWarAfghanistan2021');
    expect(field('Author 3 family name').value).toBe('Lee');
    expect(field('Appeared in').value).toBe('Journal of Conflict');
  });

  it('says what is wrong with pasted text and keeps the fields', async () => {
    const { user } = open(doc());
    await user.click(screen.getByLabelText('Paste BibTeX or CSL-JSON'));
    await user.paste('@article{x,\n  title = {ok},\n  author = Smith and,\n}');
    await user.click(screen.getByRole('button', { name: 'Fill in from it' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Line 3 of the BibTeX/);
    expect(field('Citation key').value).toBe('');
  });

  it('removes the record when every citation field is emptied', async () => {
    const onSave = vi.fn(async () => {});
    const { user } = open(doc({ type: 'book', 'citation-key': 'k', id: 'k' }), onSave);
    await user.clear(field('Citation key'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith({ csl: null }));
  });
});
