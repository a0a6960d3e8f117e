// Where the thresholds of `lookalike-char` come from: a model trained without the corpus's last
// days (scripts/train-lm.ts --before DAY --out FILE) scores those days' paragraphs, which it has
// never seen, as printed (every candidate there is a false alarm) and with one look-alike put in
// (the original is the one right fix). Prints, per threshold pair, false alarms per 10k
// characters and the share of inserted look-alikes found.
//
//   npx tsx scripts/train-lm.ts --before 19980118 --out /tmp/lm-cal.bin
//   npx tsx scripts/calibrate-lookalike.ts --model /tmp/lm-cal.bin --from 19980118 [--kind checked|glyph]
import { isIdeograph } from '../server/src/core/charclass';
import { languageModel } from '../server/src/language/langmodel';
import { lexicon } from '../server/src/language/lexicon';
import { confusionCandidates } from '../server/src/language/candidates';
import { corpusDir, corpusParagraphs, paragraphText } from './corpus';
import { loadCharModel, symbolsOf } from '../server/src/language/ngram';

const arg = (flag: string, dflt: string) => { const i = process.argv.indexOf(flag); return i > 0 ? process.argv[i + 1] : dflt; };
const model = loadCharModel(arg('--model', '/tmp/lm-cal.bin'))!;
const from = arg('--from', '19980118');
/** `--kind checked` (the hand-checked groups) or `--kind glyph` (computed neighbours): the candidates tried and put in. */
const kind = arg('--kind', 'checked');
const candidates = (code: number) => confusionCandidates(code).filter(c => c.checked === (kind === 'checked'));
const wlm = languageModel();
const WINDOW = 4;

interface Obs { c: number; w: number; top: boolean; inWord: boolean; local: number; token?: boolean }
const clean: Obs[] = [], damaged: Obs[] = [];
let chars = 0;

function wordGain(s: string, k: number, alt: string): number {
  const a = Math.max(0, k - WINDOW), b = Math.min(s.length, k + WINDOW + 1);
  const win = s.slice(a, b), at = k - a;
  return wlm.segment(win.slice(0, at) + alt + win.slice(at + 1), 3).logp - wlm.segment(win, 3).logp;
}

/** Best candidate at k by char gain: its char gain, word gain, and the candidate. */
/** Whether index k of s lies in a jieba token that is a dictionary word of two or more characters. */
function inWordAt(s: string, k: number): boolean {
  let at = 0;
  for (const t of lexicon.tag(s)) {
    if (k < at + t.word.length) return t.word.length > 1 && lexicon.has(t.word);
    at += t.word.length;
  }
  return false;
}

/** Whether jieba cut an unknown token around k that the replacement turns into a dictionary word. */
function tokenEvidence(s: string, k: number, alt: string): boolean {
  let at = 0;
  for (const t of lexicon.tag(s)) {
    if (k < at + t.word.length) {
      if (t.word.length < 2 || lexicon.has(t.word)) return false;
      return lexicon.has(t.word.slice(0, k - at) + alt + t.word.slice(k - at + 1));
    }
    at += t.word.length;
  }
  return false;
}

function best(s: string, syms: Uint16Array, k: number): { c: number; w: number; ch: string } | undefined {
  let out: { c: number; w: number; ch: string } | undefined;
  for (const cand of candidates(s.charCodeAt(k))) {
    const c = model.substitutionGain(syms, k, cand.ch.charCodeAt(0));
    if (!out || c > out.c) out = { c, w: wordGain(s, k, cand.ch), ch: cand.ch };
  }
  return out;
}

let n = 0;
for (const p of corpusParagraphs(corpusDir(), id => id.slice(0, 8) >= from)) {
  // Text and which characters belong to names (never questioned by the rule).
  let s = '';
  const name: boolean[] = [];
  for (const { word, tag } of p.words) for (const ch of word) { s += ch; name.push(/^n[rstz]$/.test(tag)); }
  chars += s.length;
  const syms = symbolsOf(s);
  for (let k = 0; k < s.length; k++) {
    if (name[k] || !isIdeograph(s.charCodeAt(k))) continue;
    const b = best(s, syms, k);
    if (b) clean.push({ c: b.c, w: b.w, top: false, inWord: b.c >= 2 && inWordAt(s, k), local: model.localScore(syms, k), token: b.w >= 2 && tokenEvidence(s, k, b.ch) });
    // Damage: every 7th eligible position gets its first look-alike (spread, deterministic).
    const cands = candidates(s.charCodeAt(k));
    if (!cands.length || (n++ % 7) !== 0) continue;
    const bad = s.slice(0, k) + cands[0].ch + s.slice(k + 1);
    const badSyms = symbolsOf(bad);
    const r = best(bad, badSyms, k);
    if (r) damaged.push({ c: r.c, w: r.w, top: r.ch === s[k], inWord: inWordAt(bad, k), local: model.localScore(badSyms, k), token: tokenEvidence(bad, k, r.ch) });
  }
}
console.log(`${chars} characters held out, ${clean.length} clean positions with candidates, ${damaged.length} look-alikes put in`);
console.log('charGain wordGain  falseAlarms/10k  recall  (top-1 right)');
for (const inWord of [false, true]) {
  console.log(inWord ? 'printed character inside a dictionary word' : 'printed character not inside a dictionary word');
  const cl = clean.filter(o => o.inWord === inWord), dm = damaged.filter(o => o.inWord === inWord);
  console.log(`  ${cl.filter(o => o.c >= 2).length} clean candidates with charGain >= 2, ${dm.length} look-alikes`);
  for (const tc of [2, 3, 4, 5, 6, 8, 10]) for (const tw of [-99, 0, 2, 3.5, 5]) {
    const fa = cl.filter(o => o.c >= tc && o.w >= tw).length;
    const hit = dm.filter(o => o.c >= tc && o.w >= tw);
    console.log(`${tc}\t${tw}\t${(fa / chars * 1e4).toFixed(2)}\t${(hit.length / Math.max(1, dm.length)).toFixed(3)}\t${(hit.filter(o => o.top).length / Math.max(1, hit.length)).toFixed(3)}`);
  }
}
// The scan skips positions whose printed character is probable in its own context: what the skip
// costs, among the look-alikes put in that reach the rule's gain (4 nats; 10 for glyph neighbours).
const minFound = kind === 'checked' ? 4 : 10;
for (const skip of [-6, -8, -10, -12, -14, -16]) {
  const lost = damaged.filter(o => o.c >= minFound && o.local > skip).length;
  const kept = clean.filter(o => o.local <= skip).length;
  console.log(`skip local > ${skip}: ${lost} of ${damaged.filter(o => o.c >= minFound).length} findable look-alikes lost, ${(kept / clean.length).toFixed(3)} of clean positions still scored`);
}
// The weaker char gains the word model can make up for: char gain in [lo, 4) with a large word gain.
for (const [lo, tw] of [[0, 8], [1, 8], [2, 6], [2, 8], [2, 10], [1, 10], [3, 6]]) {
  const cl = clean.filter(o => !o.inWord && o.c >= lo && o.c < 4 && o.w >= tw).length;
  const dm = damaged.filter(o => !o.inWord && o.c >= lo && o.c < 4 && o.w >= tw).length;
  console.log(`char in [${lo}, 4) and word >= ${tw}: ${(cl / chars * 1e4).toFixed(2)} false alarms/10k, ${(dm / damaged.length).toFixed(3)} more recall`);
}
// jieba's unknown token made a word by the replacement: evidence of its own.
for (const [lo, tw] of [[-99, 2], [0, 2], [0, 3.5], [1, 3.5], [2, 3.5], [0, 5]]) {
  const cl = clean.filter(o => o.token && o.c >= lo && o.c < 4 && o.w >= tw).length;
  const dm = damaged.filter(o => o.token && o.c >= lo && o.c < 4 && o.w >= tw).length;
  console.log(`token evidence, char in [${lo}, 4) and word >= ${tw}: ${(cl / chars * 1e4).toFixed(2)} false alarms/10k, ${(dm / damaged.length).toFixed(3)} more recall`);
}
