import {
  goldTexts,
  precision,
  recall,
  type Score,
  score,
  speakerAccuracy,
  total,
} from './evaluate.ts';

// `npm run quote-eval`: precision and recall of quotation spans, and speaker, kind and role
// accuracy, on the hand-marked texts in tests/fixtures/quotes. The `heldout-*` texts were written
// after the finder and scored once before any fix they prompted (figures in issue 8's note).
const scores = goldTexts().map(({ name, text, gold }) => score(name, text, gold));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const row = (s: Score) =>
  `| ${s.name} | ${s.gold} | ${s.found} | ${pct(precision(s))} | ${pct(recall(s))} | ${s.speakerRight}/${s.matched} (${pct(speakerAccuracy(s))}) | ${s.kindRight}/${s.matched} | ${s.roleRight}/${s.rolesGiven} |`;
console.log('| text | quotations | found | span precision | span recall | speaker | kind | role |');
console.log('| --- | --: | --: | --: | --: | --: | --: | --: |');
for (const s of scores) console.log(row(s));
const own = scores.filter((s) => s.name !== 'seed');
console.log(
  row(
    total(
      own.filter((s) => !s.name.startsWith('heldout')),
      'own (tuned on)',
    ),
  ),
);
console.log(
  row(
    total(
      own.filter((s) => s.name.startsWith('heldout')),
      'own (written after the finder)',
    ),
  ),
);
console.log(row(total(own, 'own, all')));
const mistakes = total(scores).mistakes;
if (mistakes.length > 0) console.log(`\nMistakes:\n${mistakes.map((m) => `- ${m}`).join('\n')}`);
