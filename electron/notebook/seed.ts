import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { NotebookDocument } from '../../shared/model.ts';
import { paragraphsFromPlainText } from '../../shared/text/plain-text.ts';
import { contentHash } from './content-hash.ts';
import { newId } from './ids.ts';
import type { Store } from './store.ts';

const seedMetaSchema = z.object({
  title: z.string(),
  author: z.string(),
  source: z.string(),
  url: z.string(),
  publishedDate: z.string(),
  textFile: z.string(),
});

export async function loadSeedDocument(
  resourcesDir: string,
  now = new Date(),
): Promise<NotebookDocument> {
  const meta = seedMetaSchema.parse(
    JSON.parse(await readFile(join(resourcesDir, 'seed-article.json'), 'utf8')),
  );
  const { text, blocks } = paragraphsFromPlainText(
    await readFile(join(resourcesDir, meta.textFile), 'utf8'),
  );
  return {
    id: newId('doc'),
    title: meta.title,
    author: meta.author,
    source: meta.source,
    url: meta.url,
    publishedDate: meta.publishedDate,
    importedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    contentHash: contentHash(text),
    text,
    blocks,
    marks: [],
    seed: true,
  };
}

/**
 * Put the sample article in a new notebook, once. The flag is kept after the user deletes the
 * article so it never comes back uninvited.
 */
export async function seedOnce(store: Store, resourcesDir: string): Promise<boolean> {
  if (store.data.meta.seeded) return false;
  const document = await loadSeedDocument(resourcesDir);
  store.change((data) => {
    data.documents.push(document);
    data.meta.seeded = true;
  });
  await store.flush();
  return true;
}
