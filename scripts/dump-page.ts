// Prints the page model of a file: blocks with kinds, breaks and articles (for tuning by eye).
import * as fs from 'node:fs';
import { buildPage } from '../server/src/page/page';
import { lexicon } from '../server/src/language/lexicon';

const file = process.argv[2];
const page = buildPage(fs.readFileSync(file, 'utf8'), lexicon);
for (const b of page.blocks) console.log(`${String(b.startLine + 1).padStart(4)}-${String(b.endLine + 1).padEnd(4)} ${b.kind.padEnd(8)} ${b.dateline ? '[D] ' : ''}${b.text.slice(0, 50)}`);
console.log('--- breaks');
for (const br of page.breaks) if (br.kind !== 'wrap') console.log(`${br.kind} ${br.fromLine + 1} -> ${br.toLine + 1}  via ${br.between.map(b => b.kind + ':' + (b.startLine + 1)).join(',')}`);
console.log('--- articles');
for (const a of page.articles) console.log(`${a.kind} ${a.startLine + 1}-${a.endLine + 1} ${a.headlineDisplaced ? '[displaced] ' : ''}「${a.headline}」 bylines=${a.bylines.map(b => b.text).join('/')} sections=${a.sections.map(s => s.text).join('/')}`);
