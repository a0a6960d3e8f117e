// Times each rule, the page model and entities on the seed pages concatenated N times (argv[2], default 8):
// a quick look at where an analysis spends its time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPage } from '../server/src/page/page';
import { lexicon } from '../server/src/language/lexicon';
import { warmUp } from '../server/src/language/dictionary';
import { createContext } from '../server/src/engine/analyze';
import { rules } from '../server/src/rules';
import { findEntities } from '../server/src/entities/entities';
warmUp();
const seeds = fs.readdirSync(path.join(__dirname, '..', 'seeds')).map(f => fs.readFileSync(path.join(__dirname, '..', 'seeds', f), 'utf8')).join('\n\n');
const n = Number(process.argv[2] ?? 8);
const text = Array(n).fill(seeds).join('\n\n');
let t = performance.now();
const tag = lexicon.tag(text); console.log('chars', text.length, 'bare tag', (performance.now() - t).toFixed(0), tag.length);
t = performance.now(); const page = buildPage(text, lexicon); console.log('buildPage', (performance.now() - t).toFixed(0));
const ctx = createContext(page);
for (const r of rules) { t = performance.now(); const out = r.check(ctx); console.log(r.meta.id.padEnd(20), (performance.now() - t).toFixed(0), out.length); }
t = performance.now(); findEntities(ctx); console.log('entities', (performance.now() - t).toFixed(0));
