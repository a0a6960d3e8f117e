// Trains the entity labeller (server/src/entities/) on the People's Daily corpus (January 1998,
// PFR tags) and writes models/ner.bin: an averaged perceptron over character features with BIOES
// labels for persons (`nr`, surname and given name joined; foreign names with their dot are one
// token), places (`ns`, `[…]ns`) and organisations (`nt`, `[…]nt`). Entities are flat and
// outermost: `[中国/ns 国际/n 广播/vn 电台/n]nt` is one organisation, the place inside it a part
// of its name.
//
//   npx tsx scripts/train-ner.ts [CORPUS]            train on every paragraph, write models/ner.bin
//   npx tsx scripts/train-ner.ts --check [CORPUS]    train again, compare with models/ner.bin byte for byte
//   npx tsx scripts/train-ner.ts --holdout [CORPUS]  train on the first 90 % of paragraphs (by id),
//                                                    report P/R/F1 on the last 10 %; writes nothing
//
// CORPUS defaults to ../shared/corpus/pd-1998-01-01_20.pfr.txt. Deterministic: fixed paragraph
// order shuffled by a seeded generator, no clock or randomness anywhere else.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractFeatures, foldText, MAX_FEATURES, NameLexicon } from '../server/src/entities/features';
import { LABELS, NerModel, OUT, TYPES, begin, end, inside, single, spansOf, viterbi } from '../server/src/entities/model';

/** Passes over the corpus (4 did as well on held-out text, 8 is a little steadier). */
const EPOCHS = 8;
/** Features seen fewer times than this get no weight (mostly one-off bigrams; keeping them made a bigger, no better model). */
const MIN_COUNT = 2;
/** Names annotated at least this often (as their usual type) go into the name lexicon (on other days, in training). */
const MIN_NAME_COUNT = 1;
/** The lexicon a paragraph's features see leaves out names from its own day modulo this (5 folds). */
const FOLDS = 5;
/** Weights are quantised to int8 with the scale that maps this quantile of |w| to 127 (1: the largest; clipping the few largest costs 5 points of F1). */
const SCALE_QUANTILE = 1;

const args = process.argv.slice(2);
const check = args.includes('--check');
const holdout = args.includes('--holdout');
const corpus = args.find(a => !a.startsWith('--')) ?? path.join('..', 'shared', 'corpus', 'pd-1998-01-01_20.pfr.txt');
const modelFile = path.join(__dirname, '..', 'models', 'ner.bin');
const namesFile = path.join(__dirname, '..', 'models', 'ner-names.txt');
const log = (msg: string) => process.stderr.write(`${msg}\n`);

interface Paragraph { id: string; text: string; gold: Uint8Array; names: { name: string; type: number }[] }

const TYPE_OF_TAG: Record<string, number> = { nr: 0, ns: 1, nt: 2 };

// Abbreviations (`j`) name places and organisations as often as anything else: one character
// for a country or province (`中`, `美`, `京`), organisations by their institutional last
// character (`政协`, `欧盟`, `妇联`, `中宣部`). Events (`奥运会`, `三中全会`, `十五大`) and
// generic words (`人均`, `经贸`, `高校`) are not names.
const ORG_ABBREVIATION = /(?:委|协|联|盟|部|院|行|局|社|厅|办|署|军|党|团|组织|所|航|人大|北大|清华|中共|越共|委会|理会|联体)$/;
const NOT_AN_ORG = /(?:运会|全会|锦赛|赛|展)$/;
/** A party congress by its number (`十五大`): an organisation, as the annotation of later months has it. */
const NUMBERED_CONGRESS = /^[十一二三四五六七八九]+大$/;
function abbreviationType(word: string): number | undefined {
  if (word.length === 1) return /[\u4e00-\u9fff]/.test(word) ? 1 : undefined;
  if (/地区$/.test(word)) return 1;
  if (ORG_ABBREVIATION.test(word) && !NOT_AN_ORG.test(word) || NUMBERED_CONGRESS.test(word)) return 2;
  return undefined;
}
/** A party committee named by its level alone (`市委`, `县委`): an organisation (`市政府` is not one). */
const OWN_ADMINISTRATION = /^[省市县区州]委$/;

/** One corpus line as folded text and gold labels. */
function parseLine(line: string): Paragraph | undefined {
  const parts = line.trim().split(/\s+/);
  if (parts.length < 2) return undefined;
  const id = parts[0].slice(0, parts[0].lastIndexOf('/'));
  // Words with their tag, and the compound (`[…]nt`) each belongs to.
  const words: { word: string; tag: string; group: number }[] = [];
  const groupTags: string[] = [];
  let group = -1;
  for (let p = 1; p < parts.length; p++) {
    let tok = parts[p];
    if (tok.startsWith('[') && tok.length > 1) { group = groupTags.length; groupTags.push(''); tok = tok.slice(1); }
    let close: string | undefined;
    const m = /\]([a-z]+)$/.exec(tok);
    if (m && group >= 0) { close = m[1]; tok = tok.slice(0, m.index); }
    const slash = tok.lastIndexOf('/');
    words.push({ word: slash > 0 ? tok.slice(0, slash) : tok, tag: slash > 0 ? tok.slice(slash + 1) : '', group });
    if (close !== undefined) { groupTags[group] = close; group = -1; }
  }
  let text = '';
  const spans: { start: number; end: number; type: number }[] = [];
  for (let w = 0; w < words.length;) {
    const { group: g } = words[w];
    const gt = g >= 0 ? TYPE_OF_TAG[groupTags[g]] : undefined;
    if (gt !== undefined && gt !== 0) {
      // A compound organisation or place: one entity over all its words.
      const start = text.length;
      while (w < words.length && words[w].group === g) text += words[w++].word;
      spans.push({ start, end: text.length, type: gt });
      continue;
    }
    const { word, tag } = words[w];
    const t = TYPE_OF_TAG[tag] ?? (tag === 'j' ? abbreviationType(word) : tag === 'n' && OWN_ADMINISTRATION.test(word) ? 2 : undefined);
    const start = text.length;
    text += words[w].word;
    w++;
    // A person's surname and given name are two `nr` words: one name.
    if (t === 0) while (w < words.length && words[w].tag === 'nr' && words[w].group === g) text += words[w++].word;
    if (t !== undefined) spans.push({ start, end: text.length, type: t });
  }
  const gold = new Uint8Array(text.length);
  for (const s of spans) {
    if (s.end - s.start === 1) { gold[s.start] = single(s.type); continue; }
    gold[s.start] = begin(s.type);
    for (let i = s.start + 1; i < s.end - 1; i++) gold[i] = inside(s.type);
    gold[s.end - 1] = end(s.type);
  }
  const folded = foldText(text);
  return { id, text: folded, gold, names: spans.map(s => ({ name: folded.slice(s.start, s.end), type: s.type })) };
}

/** mulberry32: a small seeded generator for the epoch shuffles. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function main(): void {
  if (!fs.existsSync(corpus)) { log(`corpus not found: ${corpus}`); process.exit(2); }
  const lines = fs.readFileSync(corpus, 'utf8').split('\n');
  const paragraphs = lines.map(parseLine).filter((p): p is Paragraph => !!p && p.text.length > 0);
  paragraphs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const cut = holdout ? Math.floor(paragraphs.length * 0.9) : paragraphs.length;
  const train = paragraphs.slice(0, cut);
  const test = paragraphs.slice(cut);
  log(`${paragraphs.length} paragraphs; training on ${train.length}, holding out ${test.length}`);

  // Name lexicons: the one shipped, from every training paragraph, and one per fold that leaves
  // the fold's days out, for the features of that fold's paragraphs.
  const foldOf = (p: Paragraph) => Number(p.id.slice(6, 8)) % FOLDS;
  const nameCounts = new Map<string, Int32Array>();
  for (const p of train) for (const { name, type } of p.names) {
    if (name.length < 2) continue;
    let c = nameCounts.get(name);
    if (!c) nameCounts.set(name, c = new Int32Array(FOLDS * 3));
    c[foldOf(p) * 3 + type]++;
  }
  const lexiconTypes = (leaveOut: number) => {
    const types = new Map<string, number>();
    for (const [name, c] of nameCounts) {
      const byType = [0, 1, 2].map(t => { let n = 0; for (let f = 0; f < FOLDS; f++) if (f !== leaveOut) n += c[f * 3 + t]; return n; });
      const best = byType.indexOf(Math.max(...byType));
      if (byType[best] >= MIN_NAME_COUNT) types.set(name, best + 1);
    }
    return types;
  };
  const shipped = lexiconTypes(-1);
  const foldLexicons = Array.from({ length: FOLDS }, (_, f) => new NameLexicon(lexiconTypes(f)));
  log(`${shipped.size} names in the lexicon`);

  // Features, counted; those seen at least MIN_COUNT times get a row, in order of first sight.
  const feats = train.map(p => extractFeatures(p.text, undefined, foldLexicons[foldOf(p)]));
  const count = new Map<number, number>();
  for (const f of feats) for (let i = 0; i < f.counts.length; i++) {
    for (let k = 0; k < f.counts[i]; k++) { const h = f.hashes[i * MAX_FEATURES + k]; count.set(h, (count.get(h) ?? 0) + 1); }
  }
  const rowOf = new Map<number, number>();
  const rowHash: number[] = [];
  const rows = feats.map(f => {
    const r = new Int32Array(f.hashes.length).fill(-1);
    for (let i = 0; i < f.counts.length; i++) for (let k = 0; k < f.counts[i]; k++) {
      const h = f.hashes[i * MAX_FEATURES + k];
      if ((count.get(h) ?? 0) < MIN_COUNT) continue;
      let row = rowOf.get(h);
      if (row === undefined) { row = rowHash.length; rowOf.set(h, row); rowHash.push(h); }
      r[i * MAX_FEATURES + k] = row;
    }
    return r;
  });
  feats.length = 0;
  const R = rowHash.length;
  const L = LABELS;
  log(`${count.size} distinct features, ${R} kept`);

  const w = new Float64Array(R * L);
  const u = new Float64Array(R * L);
  const tw = new Float64Array((L + 1) * L);
  const tu = new Float64Array((L + 1) * L);
  let c = 1;
  const order = train.map((_, i) => i);
  const random = prng(19980101);
  const pred = new Uint8Array(Math.max(...train.map(p => p.text.length)));
  const scores = new Float64Array(pred.length * L);
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    let errors = 0;
    let chars = 0;
    for (const pi of order) {
      const { text, gold } = train[pi];
      const r = rows[pi];
      const n = text.length;
      scores.fill(0, 0, n * L);
      for (let i = 0; i < n; i++) for (let k = i * MAX_FEATURES; k < (i + 1) * MAX_FEATURES; k++) {
        const row = r[k];
        if (row < 0) continue;
        for (let l = 0; l < L; l++) scores[i * L + l] += w[row * L + l];
      }
      viterbi(scores, n, tw, pred);
      chars += n;
      let prevG = L;
      let prevP = L;
      for (let i = 0; i < n; i++) {
        const g = gold[i];
        const p = pred[i];
        if (g !== p) {
          errors++;
          for (let k = i * MAX_FEATURES; k < (i + 1) * MAX_FEATURES; k++) {
            const row = r[k];
            if (row < 0) continue;
            w[row * L + g] += 1; u[row * L + g] += c;
            w[row * L + p] -= 1; u[row * L + p] -= c;
          }
        }
        if (g !== p || prevG !== prevP) {
          tw[prevG * L + g] += 1; tu[prevG * L + g] += c;
          tw[prevP * L + p] -= 1; tu[prevP * L + p] -= c;
        }
        prevG = g;
        prevP = p;
      }
      c++;
    }
    log(`epoch ${epoch}: ${(100 * errors / chars).toFixed(2)} % of characters mislabelled`);
  }

  // Averaged weights, quantised to int8; rows that round to zero everywhere are dropped.
  const avg = new Float64Array(R * L);
  for (let j = 0; j < R * L; j++) avg[j] = w[j] - u[j] / c;
  const trans = new Float32Array((L + 1) * L);
  for (let j = 0; j < trans.length; j++) trans[j] = tw[j] - tu[j] / c;
  const magnitudes = Float64Array.from(avg.filter(x => x !== 0), Math.abs).sort();
  const scale = Math.fround(magnitudes[Math.min(magnitudes.length - 1, Math.floor(magnitudes.length * SCALE_QUANTILE))] / 127);
  const kept: { hash: number; q: Int8Array }[] = [];
  for (let row = 0; row < R; row++) {
    const q = new Int8Array(L);
    let any = false;
    for (let l = 0; l < L; l++) {
      const v = Math.max(-127, Math.min(127, Math.round(avg[row * L + l] / scale)));
      q[l] = v;
      if (v !== 0) any = true;
    }
    if (any) kept.push({ hash: rowHash[row], q });
  }
  kept.sort((a, b) => a.hash - b.hash);
  const hashes = Uint32Array.from(kept, k => k.hash);
  const weights = new Int8Array(kept.length * L);
  kept.forEach((k, j) => weights.set(k.q, j * L));
  const bytes = NerModel.serialize(scale, trans, hashes, weights);
  log(`${kept.length} rows after pruning, ${(bytes.length / 1e6).toFixed(2)} MB`);

  const namesText = NameLexicon.serialize(shipped);
  if (holdout) {
    evaluate(NerModel.parse(bytes), test, NameLexicon.parse(namesText));
    return;
  }
  if (check) {
    const committed = fs.existsSync(modelFile) ? fs.readFileSync(modelFile) : undefined;
    const committedNames = fs.existsSync(namesFile) ? fs.readFileSync(namesFile, 'utf8') : undefined;
    const same = !!committed && Buffer.compare(committed, Buffer.from(bytes)) === 0 && committedNames === namesText;
    log(same ? `${modelFile} and ${namesFile} reproduced byte for byte` : `${modelFile} or ${namesFile} differs from the trained model`);
    process.exit(same ? 0 : 1);
  }
  fs.mkdirSync(path.dirname(modelFile), { recursive: true });
  fs.writeFileSync(modelFile, bytes);
  fs.writeFileSync(namesFile, namesText);
  log(`wrote ${modelFile} and ${namesFile}`);
}

/** Entity-level precision, recall and F1 of the model on held-out paragraphs, overall and per type. */
function evaluate(model: NerModel, test: Paragraph[], names: NameLexicon): void {
  const tally = TYPES.map(() => ({ tp: 0, fp: 0, fn: 0 }));
  for (const p of test) {
    const n = p.text.length;
    const { hashes, counts } = extractFeatures(p.text, undefined, names);
    const scores = new Float64Array(n * LABELS);
    for (let i = 0; i < n; i++) for (let k = 0; k < counts[i]; k++) {
      const row = model.rowOf(hashes[i * MAX_FEATURES + k]);
      if (row >= 0) model.addRow(row, scores, i * LABELS);
    }
    const labels = new Uint8Array(n);
    viterbi(scores, n, model.transitions, labels);
    const key = (s: { start: number; end: number; type: number }) => `${s.start}:${s.end}:${s.type}`;
    const gold = new Set(spansOf(p.gold, n).map(key));
    const got = new Set(spansOf(labels, n).map(key));
    for (const k of got) tally[+k.split(':')[2]][gold.has(k) ? 'tp' : 'fp']++;
    for (const k of gold) if (!got.has(k)) tally[+k.split(':')[2]].fn++;
  }
  const f = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }) => {
    const pr = tp / (tp + fp || 1);
    const re = tp / (tp + fn || 1);
    return `P ${pr.toFixed(3)} R ${re.toFixed(3)} F1 ${(2 * pr * re / (pr + re || 1)).toFixed(3)} (${tp + fn} gold)`;
  };
  const all = tally.reduce((a, t) => ({ tp: a.tp + t.tp, fp: a.fp + t.fp, fn: a.fn + t.fn }), { tp: 0, fp: 0, fn: 0 });
  log(`held out: all ${f(all)}`);
  TYPES.forEach((t, i) => log(`  ${t}: ${f(tally[i])}`));
}

void OUT;
main();
