// Where duplicate-char's character-model threshold comes from: on corpus days the model never
// saw, the gain of removing one copy (charGainOfRemoval) for every pair of equal characters the
// text really has (correct: 常常, 人人, 全村村民…) and for doublings put in at every 40th character.
//
//   npx tsx scripts/train-lm.ts --before 19980118 --out /tmp/lm-cal.bin
//   npx tsx scripts/calibrate-duplicate.ts --model /tmp/lm-cal.bin --from 19980118
import { isIdeograph } from '../server/src/core/charclass';
import { corpusDir, corpusParagraphs, paragraphText } from './corpus';
import { loadCharModel } from '../server/src/language/ngram';
import { charGainOfRemoval } from '../server/src/rules/duplicate-char';

const arg = (flag: string, dflt: string) => { const i = process.argv.indexOf(flag); return i > 0 ? process.argv[i + 1] : dflt; };
const model = loadCharModel(arg('--model', '/tmp/lm-cal.bin'))!;
const from = arg('--from', '19980118');

const natural: number[] = [], doubled: number[] = [];
let n = 0, chars = 0;
for (const p of corpusParagraphs(corpusDir(), id => id.slice(0, 8) >= from)) {
  const s = paragraphText(p);
  chars += s.length;
  for (let k = 0; k + 1 < s.length; k++) {
    if (s[k] === s[k + 1] && isIdeograph(s.charCodeAt(k)) && s[k - 1] !== s[k] && s[k + 2] !== s[k]) natural.push(charGainOfRemoval(s, k, model));
    if (isIdeograph(s.charCodeAt(k)) && n++ % 40 === 0 && s[k + 1] !== s[k] && s[k - 1] !== s[k]) {
      doubled.push(charGainOfRemoval(s.slice(0, k + 1) + s.slice(k), k, model));
    }
  }
}
console.log(`${chars} characters: ${natural.length} pairs as printed, ${doubled.length} doublings put in`);
for (const t of [0, 1, 2, 3, 4, 6, 8]) {
  console.log(`char gain >= ${t}: ${natural.filter(g => g >= t).length} printed pairs pass (${(natural.filter(g => g >= t).length / natural.length).toFixed(3)}), ${(doubled.filter(g => g >= t).length / doubled.length).toFixed(3)} of doublings`);
}
