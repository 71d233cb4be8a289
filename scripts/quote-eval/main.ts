import { resolve } from 'node:path';
import {
  type GoldSet,
  goldTexts,
  kindAccuracy,
  NEWS_DEV,
  newsSet,
  precision,
  recall,
  type Score,
  scoreSet,
  speakerAccuracy,
  total,
} from './evaluate.ts';

// `npm run quote-eval [-- FOLDER…] [--texts] [--mistakes] [--json]`: span precision and recall,
// speaker accuracy on quotations that have a speaker, kind accuracy, and how often the finder
// said "unsure" when it was wrong and when it was right, per set:
// - our own hand-marked texts (tests/fixtures/quotes): those the finder was tuned on, those
//   written after it (`heldout-*`), and the sample article;
// - the handbook's real news (../shared/quotes-news-dev), and any folder of the same shape named
//   on the command line (for example a held-out set kept apart from development).
const args = process.argv.slice(2);
const flag = (f: string) => args.includes(f);
const own = goldTexts();
const sets: GoldSet[] = [
  {
    name: 'own (tuned on)',
    own: true,
    texts: own.filter((t) => t.name !== 'seed' && !t.name.startsWith('heldout')),
  },
  {
    name: 'own (written after the finder)',
    own: true,
    texts: own.filter((t) => t.name.startsWith('heldout')),
  },
  { name: 'sample article', own: true, texts: own.filter((t) => t.name === 'seed') },
];
const dev = newsSet(NEWS_DEV, 'news-dev (real news)');
if (dev) sets.push(dev);
else console.error(`No real-news development set at ${NEWS_DEV}: scoring our own texts only.`);
for (const dir of args.filter((a) => !a.startsWith('--'))) {
  const set = newsSet(resolve(dir));
  if (!set) throw new Error(`No such folder: ${dir}`);
  sets.push(set);
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const share = (a: number, b: number) => `${a}/${b}${b > 0 ? ` (${pct(a / b)})` : ''}`;
const HEADER =
  '| set | texts | quotations | found | span precision | span recall | speaker (named) | no speaker | kind | unsure when wrong | unsure when right |';
const row = (s: Score, texts: number | string) =>
  `| ${s.name} | ${texts} | ${s.gold} | ${s.found} | ${pct(precision(s))} | ${pct(recall(s))} | ${share(s.speakerRight, s.named)} | ${share(s.noneRight, s.unnamed)} | ${share(s.kindRight, s.kindGiven)} | ${share(s.wrongUnsure, s.wrong)} | ${share(s.rightUnsure, s.right)} |`;

const results = sets.map((set) => {
  const scores = scoreSet(set);
  return { set, scores, sum: total(scores, set.name) };
});
console.log(HEADER);
console.log(`|${' --- |'.repeat(1)}${' --: |'.repeat(10)}`);
for (const r of results) console.log(row(r.sum, r.set.texts.length));

if (flag('--texts'))
  for (const r of results) {
    console.log(`\n${r.set.name}\n\n${HEADER.replace('| set |', '| text |')}`);
    console.log(`|${' --- |'.repeat(1)}${' --: |'.repeat(10)}`);
    for (const s of r.scores) console.log(row(s, 1));
  }

// Our own texts are small enough to list every mistake; real news (a held-out set's words above
// all) only on request.
for (const r of results) {
  if (!r.set.own && !flag('--mistakes')) continue;
  if (r.sum.mistakes.length === 0) continue;
  console.log(`\nMistakes, ${r.set.name}:\n${r.sum.mistakes.map((m) => `- ${m}`).join('\n')}`);
}

if (flag('--json'))
  console.log(
    JSON.stringify({
      quoteEval: results.map(({ sum }) => ({
        set: sum.name,
        quotations: sum.gold,
        found: sum.found,
        spanPrecision: precision(sum),
        spanRecall: recall(sum),
        speakerAccuracy: speakerAccuracy(sum),
        noSpeakerRight: sum.unnamed === 0 ? 1 : sum.noneRight / sum.unnamed,
        kindAccuracy: kindAccuracy(sum),
        unsureWhenWrong: sum.wrong === 0 ? 0 : sum.wrongUnsure / sum.wrong,
        unsureWhenRight: sum.right === 0 ? 0 : sum.rightUnsure / sum.right,
      })),
    }),
  );
