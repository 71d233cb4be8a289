import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstNamesModule, namesFromCompromise } from './names-from-compromise.ts';

// `npm run first-names`: regenerate shared/quotes/first-names.generated.ts from compromise.
const target = join(
  import.meta.dirname,
  '..',
  '..',
  'shared',
  'quotes',
  'first-names.generated.ts',
);
const names = namesFromCompromise();
writeFileSync(target, firstNamesModule(names));
console.log(`${names.male.length} male and ${names.female.length} female names → ${target}`);
