import { measureRenderer } from '../pdf/renderer-case.ts';
import { generatedTitle } from '../pdf/fixture.ts';
const r = await measureRenderer({ bookPath: '/tmp/book/benchmark-book-500.pdf', title: generatedTitle(500), log: (l) => console.error(l) });
console.log(JSON.stringify(r).slice(0, 2000));
