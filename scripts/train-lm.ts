// Trains the character trigram model of server/src/language/ngram.ts and writes models/lm.bin.
//
//   npx tsx scripts/train-lm.ts [--corpus ../shared/corpus] [--out models/lm.bin] [--check]
//
// Training text:
//   - the corpus (People's Daily, PFR format: one paragraph a line, `word/tag` tokens; the tags
//     are dropped), each paragraph between BOS and EOS;
//   - jieba's dictionary (node_modules/nodejs-jieba/dict/jieba.dict.utf8): every word of two or
//     more CJK characters as `WB word`, counted ceil(freq × DICT_SCALE) times, so that a word the
//     month of news never printed still makes its characters likely neighbours.
// Smoothing: interpolated Kneser–Ney, one discount per order, D = n1 / (n1 + 2 n2).
// Pruning: trigrams seen once in the corpus and not in the dictionary are left out (they back off
// to the bigram), which halves the file.
// Deterministic: sorted keys, fixed iteration order; `--check` trains in memory and exits 1 when
// the committed file differs.
import { isIdeograph } from '../server/src/core/charclass';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeSnapshot } from '../server/src/language/snapshot';
import { corpusDir, corpusFiles, corpusParagraphs } from './corpus';
import { BACKOFF_STEP, BOS, EOS, LM_MAGIC, PROB_STEP, WB, bigramKey, symbolOf, trigramKey } from '../server/src/language/ngram';

const root = path.resolve(__dirname, '..');
const arg = (flag: string, dflt: string) => { const i = process.argv.indexOf(flag); return i > 0 ? process.argv[i + 1] : dflt; };
const dir = corpusDir();
const out = path.resolve(arg('--out', path.join(root, 'models', 'lm.bin')));
const check = process.argv.includes('--check');
/** `--before 19980118`: train only on paragraphs dated before that day (to calibrate on the rest). */
const before = arg('--before', '');

/** Scale from jieba's frequencies (a corpus of ~60 M words) to counts beside a 2.3 M-character corpus. */
const DICT_SCALE = Number(arg('--dict-scale', '0.02'));
/** Trigrams with a count below this (corpus and dictionary together) are pruned. */
const MIN_TRIGRAM = Number(arg('--min-trigram', '2'));


/** Trigram counts keyed a·2³² + b·2¹⁶ + c (exact in a double). */
const tri = new Map<number, number>();
const K2 = 0x10000, K3 = 0x100000000;
function add(a: number, b: number, c: number, n: number): void {
  const k = a * K3 + b * K2 + c;
  tri.set(k, (tri.get(k) ?? 0) + n);
}

function addText(syms: number[], n: number): void {
  for (let i = 2; i < syms.length; i++) add(syms[i - 2], syms[i - 1], syms[i], n);
}

// The corpus: every *.txt file in the folder, in name order.
const files = corpusFiles(dir);
let corpusChars = 0;
for (const p of corpusParagraphs(dir, id => !before || id.slice(0, 8) < before)) {
  const syms = [BOS, BOS];
  for (const { word } of p.words) {
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c === 0x20 || c === 0x3000) continue;
      syms.push(symbolOf(c));
    }
  }
  syms.push(EOS);
  corpusChars += syms.length - 3;
  addText(syms, 1);
}

// jieba's dictionary.
const dictFile = path.join(root, 'node_modules', 'nodejs-jieba', 'dict', 'jieba.dict.utf8');
let dictWords = 0;
for (const line of fs.readFileSync(dictFile, 'utf8').split('\n')) {
  const [word, freqText] = line.split(' ');
  if (!word || word.length < 2) continue;
  let cjk = true;
  for (let i = 0; i < word.length; i++) if (!isIdeograph(word.charCodeAt(i))) { cjk = false; break; }
  if (!cjk) continue;
  const n = Math.ceil(Number(freqText) * DICT_SCALE);
  if (!(n > 0)) continue;
  const syms = [WB, WB];
  for (let i = 0; i < word.length; i++) syms.push(word.charCodeAt(i));
  // `WB WB w1` says nothing: start at `WB w1 w2`.
  for (let i = 3; i < syms.length; i++) add(syms[i - 2], syms[i - 1], syms[i], n);
  dictWords++;
}

// Kneser–Ney statistics.
const triKeysAll = [...tri.keys()].sort((x, y) => x - y);
const ctx3Count = new Map<number, number>();   // c(ab•)
const ctx3Types = new Map<number, number>();   // N1+(ab•)
const cont2 = new Map<number, number>();       // N1+(•bc)
const coc3 = [0, 0, 0];
for (const k of triKeysAll) {
  const n = tri.get(k)!;
  const ab = Math.floor(k / K2), bc = k % K3;
  ctx3Count.set(ab, (ctx3Count.get(ab) ?? 0) + n);
  ctx3Types.set(ab, (ctx3Types.get(ab) ?? 0) + 1);
  cont2.set(bc, (cont2.get(bc) ?? 0) + 1);
  if (n <= 2) coc3[n]++;
}
const D3 = coc3[1] / (coc3[1] + 2 * coc3[2]);
const biKeysAll = [...cont2.keys()].sort((x, y) => x - y);
const ctx2Count = new Map<number, number>();   // N1+(•b•) = Σ_c N1+(•bc)
const ctx2Types = new Map<number, number>();   // N1+(b•) over continuation types
const cont1 = new Map<number, number>();       // N1+(•c)
const coc2 = [0, 0, 0];
for (const k of biKeysAll) {
  const n = cont2.get(k)!;
  const b = Math.floor(k / K2), c = k % K2;
  ctx2Count.set(b, (ctx2Count.get(b) ?? 0) + n);
  ctx2Types.set(b, (ctx2Types.get(b) ?? 0) + 1);
  cont1.set(c, (cont1.get(c) ?? 0) + 1);
  if (n <= 2) coc2[n]++;
}
const D2 = coc2[1] / (coc2[1] + 2 * coc2[2]);
const total1 = biKeysAll.length;

const qProb = (p: number) => Math.min(255, Math.max(0, Math.round(-p / PROB_STEP)));
const qBackoff = (p: number) => Math.min(255, Math.max(0, Math.round(-p / BACKOFF_STEP)));

// Unigrams (continuation probabilities) and the backoff weights of one-symbol contexts.
const p1 = new Float64Array(K2).fill(Math.log(0.5 / total1));
for (const [c, n] of cont1) p1[c] = Math.log(n / total1);
const uniProb = new Uint8Array(K2);
for (let c = 0; c < K2; c++) uniProb[c] = qProb(p1[c]);
const uniBackoff = new Uint8Array(K2);
for (const [b, n] of ctx2Count) uniBackoff[b] = qBackoff(Math.log(D2 * ctx2Types.get(b)! / n));

// Bigrams: every continuation type (with its probability) and every trigram context (with its backoff).
const biSet = new Set<number>([...biKeysAll, ...ctx3Count.keys()]);
const biList = [...biSet].sort((x, y) => x - y);
const biKeys = new Uint32Array(biList.length);
const biProb = new Uint8Array(biList.length).fill(255);
const biBackoff = new Uint8Array(biList.length);
const p2 = new Map<number, number>();
for (let i = 0; i < biList.length; i++) {
  const k = biList[i];
  const b = Math.floor(k / K2), c = k % K2;
  biKeys[i] = bigramKey(b, c);
  const n = cont2.get(k);
  if (n !== undefined) {
    const denom = ctx2Count.get(b)!;
    const p = Math.max(n - D2, 0) / denom + D2 * ctx2Types.get(b)! / denom * Math.exp(p1[c]);
    p2.set(k, Math.log(p));
    biProb[i] = Math.min(254, qProb(Math.log(p)));
  }
  const cc = ctx3Count.get(k);
  if (cc !== undefined) biBackoff[i] = qBackoff(Math.log(D3 * ctx3Types.get(k)! / cc));
}
// bigramKey(b, c) is b·2¹⁶ + c too: the sort order above is the key order.

// Trigrams, pruned; sorted by their hash key.
const triOut: [number, number][] = [];
for (const k of triKeysAll) {
  const n = tri.get(k)!;
  if (n < MIN_TRIGRAM) continue;
  const ab = Math.floor(k / K2), bc = k % K3;
  const a = Math.floor(k / K3), b = Math.floor(k / K2) % K2, c = k % K2;
  if (a === WB && b === WB) continue;
  const denom = ctx3Count.get(ab)!;
  const lower = p2.has(bc) ? Math.exp(p2.get(bc)!) : Math.exp(Math.log(D2 * (ctx2Types.get(b) ?? 0) / (ctx2Count.get(b) ?? 1)) + p1[c]);
  const p = Math.max(n - D3, 0) / denom + D3 * ctx3Types.get(ab)! / denom * lower;
  triOut.push([trigramKey(a, b, c), qProb(Math.log(p))]);
}
triOut.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
// Two trigrams with the same hash: the first (smaller cost) stays, the other reads as unseen.
const triKeys = new Uint32Array(triOut.length), triProb = new Uint8Array(triOut.length);
let m = 0;
for (const [key, q] of triOut) {
  if (m > 0 && triKeys[m - 1] === key) continue;
  triKeys[m] = key; triProb[m] = q; m++;
}

const header = {
  about: 'character trigram model, interpolated Kneser-Ney (scripts/train-lm.ts)',
  corpus: files, corpusChars, dictWords, dictScale: DICT_SCALE, minTrigram: MIN_TRIGRAM,
  discounts: [Number(D2.toFixed(4)), Number(D3.toFixed(4))], bigrams: biList.length, trigrams: m,
};
const arrays = [
  ['uniProb', uniProb], ['uniBackoff', uniBackoff], ['biKeys', biKeys], ['biProb', biProb], ['biBackoff', biBackoff],
  ['triKeys', triKeys.subarray(0, m)], ['triProb', triProb.subarray(0, m)],
] as const;
const target = check ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lm-')), 'lm.bin') : out;
fs.mkdirSync(path.dirname(target), { recursive: true });
writeSnapshot(target, LM_MAGIC, header, arrays);
if (check) {
  const same = fs.existsSync(out) && fs.readFileSync(out).equals(fs.readFileSync(target));
  fs.rmSync(path.dirname(target), { recursive: true, force: true });
  console.log(same ? `${path.relative(root, out)} is reproduced byte for byte` : `${path.relative(root, out)} differs from what the script trains`);
  process.exit(same ? 0 : 1);
}
console.log(`wrote ${path.relative(root, out)} (${fs.statSync(out).size} bytes):`, JSON.stringify(header));
