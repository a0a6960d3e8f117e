// Where garbled-text's character-model threshold comes from: the mean log-probability per
// character (character trigram model, language/ngram.ts) of punctuation-free CJK stretches of 10+
// characters in corpus days the model never saw, against the same stretches with their
// characters shuffled (text as a scanner makes of a photo: real characters, no order).
//
//   npx tsx scripts/train-lm.ts --before 19980118 --out /tmp/lm-cal.bin
//   npx tsx scripts/calibrate-garbled.ts --model /tmp/lm-cal.bin --from 19980118
import { corpusDir, corpusParagraphs, paragraphText } from './corpus';
import { loadCharModel, symbolsOf } from '../server/src/language/ngram';

const arg = (flag: string, dflt: string) => { const i = process.argv.indexOf(flag); return i > 0 ? process.argv[i + 1] : dflt; };
const model = loadCharModel(arg('--model', '/tmp/lm-cal.bin'))!;
const from = arg('--from', '19980118');

const mean = (s: string) => { const y = symbolsOf(s); return model.score(y, 0, y.length) / y.length; };
let seed = 1;
const rand = () => (seed = Math.imul(seed, 48271) % 0x7fffffff) / 0x7fffffff;
const clean: number[] = [], shuffled: number[] = [];
for (const p of corpusParagraphs(corpusDir(), id => id.slice(0, 8) >= from)) {
  const text = paragraphText(p);
  for (const m of text.matchAll(/[\u4e00-\u9fff]{10,}/g)) {
    clean.push(mean(m[0]));
    const cs = [...m[0]];
    for (let i = cs.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [cs[i], cs[j]] = [cs[j], cs[i]]; }
    shuffled.push(mean(cs.join('')));
  }
}
clean.sort((a, b) => a - b); shuffled.sort((a, b) => a - b);
const q = (a: number[], p: number) => a[Math.min(a.length - 1, Math.floor(p * a.length))].toFixed(2);
console.log(`${clean.length} stretches; mean log P per character (nats)`);
console.log(`clean:    min ${q(clean, 0)}  0.1% ${q(clean, 0.001)}  1% ${q(clean, 0.01)}  median ${q(clean, 0.5)}`);
console.log(`shuffled: median ${q(shuffled, 0.5)}  90% ${q(shuffled, 0.9)}  99% ${q(shuffled, 0.99)}  max ${q(shuffled, 1 - 1e-9)}`);
for (const t of [-6, -6.5, -7, -7.5, -8]) console.log(`below ${t}: clean ${clean.filter(x => x < t).length}, shuffled ${(shuffled.filter(x => x < t).length / shuffled.length).toFixed(3)}`);
