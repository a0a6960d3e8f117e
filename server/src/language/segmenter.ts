// jieba's segmentation, as nodejs-jieba's `cut(text, true)` runs it (cppjieba's MixSegment: a
// maximum-probability route through the dictionary DAG, then an HMM over each run of single
// characters), computed here over the dictionary table lexicon.ts already holds for frequencies
// and tags. Same dictionary, same model, same arithmetic: the output is jieba's word for word
// (test/unit/segmenter.test.ts checks it against the native module on the seeds and random text).
//
// Why not call the native module: per call, N-API converts the text to UTF-8, cppjieba decodes it
// into runes, builds a DAG of heap-allocated vectors and hands back an array of fresh strings —
// 11–13 ms for the 23.5k characters of the five seeds, against 5–6 ms here. Each process also
// loaded a second copy of the 350k-word dictionary into a pointer trie (~0.9 s and ~100 MB per
// CLI worker); here the one table serves frequencies, tags and segmentation, and CLI worker
// threads share it.
//
// Positions are UTF-16 indices; a rune is a code point, as in cppjieba (a surrogate pair is one
// rune; a lone surrogate is a rune of its own, where the binding would have seen U+FFFD).
import * as fs from 'node:fs';
import { FNV_SEED, fnvStep } from '../core/hash';

/** What the segmenter needs of the dictionary. */
export interface SegmentDictionary {
  /** Entry + 1 of the one-unit string of each UTF-16 unit (0: none). */
  single: Int32Array;
  /** ln(probability) of the one-unit string of each UTF-16 unit as a word, NaN when it is not one. */
  singleWeight: Float64Array;
  /**
   * The hash table itself, called directly: the route's inner loop probes it for every candidate
   * word, and a call through a forwarding function doubled the calls wherever V8 does not inline
   * (the CLI lowers TurboFan's inlining budgets: cli/tuning.ts).
   */
  lookup: SlotLookup;
  /** The dictionary's hash slots: the entry + 1 of the slot at `q` is `slots[q]`. */
  slots: Int32Array;
  /** `slots` as float64s: the entry's ln(probability) as a word is `slotWeight[(q >> 1) + 2]`, NaN when it is only a prefix. */
  slotWeight: Float64Array;
  /** The least weight of a dictionary word: what a character outside the dictionary weighs. */
  minWeight: number;
  /** Code points of one-character words from jieba's user dictionary file: never left to the HMM. */
  singleCharUserWords: ReadonlySet<number>;
}

export interface SlotLookup {
  /**
   * Where in `slots` the entry of `text[from, to)` (two units or more) is — a word or a proper
   * prefix of one — or -1; `hash` is its `fnvOf`.
   */
  findSlot(text: string, from: number, to: number, hash: number): number;
  /** False when surely no entry of two units or more begins with units `a`, `b`. */
  mayBeginWith(a: number, b: number): boolean;
}

/** cppjieba's stand-in for log(0). */
const MIN_DOUBLE = -3.14e100;
/** cppjieba's MAX_WORD_LENGTH, in runes. */
const MAX_WORD_RUNES = 512;

// HMM states are numbered as cppjieba numbers them — B 0, E 1, M 2, S 3 — so odd states end a word.
const E = 1, S = 3;

/** jieba's character-based HMM (hmm_model.utf8): start, transition and emission log-probabilities. */
export class HmmModel {
  readonly start = new Float64Array(4);
  /** `trans[from * 4 + to]`. */
  readonly trans = new Float64Array(16);
  /** Code point → row; a row is the emission log-probabilities of states B, E, M, S. */
  private readonly rows = new Map<number, number>();
  /**
   * `rows` for the BMP as an array, -1 where there is none: the Viterbi looks up every character
   * of a run, and the Map's lookup was 43% of its time.
   */
  private readonly bmpRows = new Int32Array(0x10000).fill(-1);

  private addRow(cp: number, row: number): void {
    this.rows.set(cp, row);
    if (cp < 0x10000) this.bmpRows[cp] = row;
  }
  private emit: Float64Array<ArrayBufferLike> = new Float64Array(0);

  static load(file: string): HmmModel {
    const model = new HmmModel();
    // Blank lines and `#` comments are skipped, lines trimmed (cppjieba's GetLine).
    const lines = fs.readFileSync(file, 'utf8').split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#'));
    if (lines.length < 9) throw new Error(`${file}: not an HMM model`);
    const numbers = (line: string): number[] => line.split(' ').map(Number);
    numbers(lines[0]).forEach((v, i) => { model.start[i] = v; });
    for (let from = 0; from < 4; from++) numbers(lines[1 + from]).forEach((v, to) => { model.trans[from * 4 + to] = v; });
    const tables = lines.slice(5, 9).map(line => line.split(',').map(pair => {
      const colon = pair.lastIndexOf(':');
      return [pair.slice(0, colon).codePointAt(0)!, Number(pair.slice(colon + 1))] as const;
    }));
    for (const table of tables) for (const [cp] of table) if (!model.rows.has(cp)) model.addRow(cp, model.rows.size);
    model.emit = new Float64Array(model.rows.size * 4).fill(MIN_DOUBLE);
    tables.forEach((table, state) => { for (const [cp, p] of table) model.emit[model.rows.get(cp)! * 4 + state] = p; });
    return model;
  }

  /** The model as arrays (for a dictionary snapshot, see lexicon.ts): rows' code points in order. */
  toArrays(): { start: Float64Array; trans: Float64Array; rows: Int32Array; emit: Float64Array<ArrayBufferLike> } {
    return { start: this.start, trans: this.trans, rows: Int32Array.from(this.rows.keys()), emit: this.emit };
  }

  static fromArrays(a: { start: Float64Array<ArrayBufferLike>; trans: Float64Array<ArrayBufferLike>; rows: Int32Array<ArrayBufferLike>; emit: Float64Array<ArrayBufferLike> }): HmmModel {
    const model = new HmmModel();
    model.start.set(a.start);
    model.trans.set(a.trans);
    a.rows.forEach((cp, row) => model.addRow(cp, row));
    model.emit = a.emit;
    return model;
  }

  /** Row of code point `cp` in the emission table, -1 when it was never seen. */
  row(cp: number): number {
    return cp < 0x10000 ? this.bmpRows[cp] : this.rows.get(cp) ?? -1;
  }

  emitOf(row: number, state: number): number {
    return row < 0 ? MIN_DOUBLE : this.emit[row * 4 + state];
  }
}

/** Scratch arrays reused across calls (grown, never shrunk: a page's longest sentence). */
let runeAt = new Int32Array(256);
let routeWeight = new Float64Array(256);
let routeEnd = new Int32Array(256);
let routeEntry = new Int32Array(256);
let hmmWeight = new Float64Array(256 * 4);
let hmmPath = new Int8Array(256 * 4);
let hmmRow = new Int32Array(256);

function ensure(runes: number): void {
  if (runeAt.length > runes + 1) return;
  const n = Math.max(runes + 2, runeAt.length * 2);
  runeAt = new Int32Array(n);
  routeWeight = new Float64Array(n);
  routeEnd = new Int32Array(n);
  routeEntry = new Int32Array(n);
  hmmWeight = new Float64Array(n * 4);
  hmmPath = new Int8Array(n * 4);
  hmmRow = new Int32Array(n);
}

/** jieba's separators: each is a word of its own, and no word spans one. */
function isSeparator(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0xff0c || c === 0x3002;
}

/**
 * jieba's words of `text`, as positions: word i is `text[from[i], to[i])` and `entry[i]` its
 * dictionary entry (-1: none, or the HMM's). The arrays are the segmenter's own and hold until
 * the next call: callers make their strings (lexicon.ts keeps one per entry) instead of the
 * segmenter making a string per word, most of them the same few thousand words again.
 */
export function segment(text: string, dict: SegmentDictionary, hmm: HmmModel): Segmented {
  tokenCount = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isSeparator(text.charCodeAt(i))) continue;
    if (i > from) cutSentence(text, from, i, dict, hmm);
    pushToken(i, i + 1, -1);
    from = i + 1;
  }
  if (from < text.length) cutSentence(text, from, text.length, dict, hmm);
  return { count: tokenCount, from: tokenFrom, to: tokenTo, entry: tokenEntry };
}

/** Words of `text` in order; joined they give back `text`. */
export function cut(text: string, dict: SegmentDictionary, hmm: HmmModel): string[] {
  const s = segment(text, dict, hmm);
  const out = new Array<string>(s.count);
  for (let i = 0; i < s.count; i++) out[i] = text.slice(s.from[i], s.to[i]);
  return out;
}

/** `segment`'s result (see there). */
export interface Segmented {
  count: number;
  from: Int32Array;
  to: Int32Array;
  entry: Int32Array;
}

let tokenFrom = new Int32Array(1024);
let tokenTo = new Int32Array(1024);
let tokenEntry = new Int32Array(1024);
let tokenCount = 0;

function pushToken(from: number, to: number, entry: number): void {
  if (tokenCount === tokenFrom.length) {
    const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
    tokenFrom = grow(tokenFrom);
    tokenTo = grow(tokenTo);
    tokenEntry = grow(tokenEntry);
  }
  tokenFrom[tokenCount] = from;
  tokenTo[tokenCount] = to;
  tokenEntry[tokenCount] = entry;
  tokenCount++;
}

/** Code point at `i` (a lone surrogate stands for itself). */
function codePoint(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d < 0xe000) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** MixSegment over `text[from, to)`, which holds no separator. */
function cutSentence(text: string, from: number, to: number, dict: SegmentDictionary, hmm: HmmModel): void {
  ensure(to - from);
  // Rune k spans text[runeAt[k], runeAt[k + 1]).
  let n = 0;
  for (let i = from; i < to; n++) {
    runeAt[n] = i;
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c < 0xdc00 && i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  runeAt[n] = to;

  // The maximum-probability route (MPSegment's CalcDP), right to left. Candidates at rune k are
  // tried shortest first and only a strictly better one replaces the best: ties go to the
  // shorter word, as in cppjieba.
  const { single, singleWeight, slots, slotWeight, minWeight, lookup } = dict;
  routeWeight[n] = 0;
  for (let k = n - 1; k >= 0; k--) {
    const at = runeAt[k];
    const c = text.charCodeAt(at);
    let h = fnvStep(FNV_SEED, c);
    let e: number, w: number;
    if (runeAt[k + 1] === at + 1) {
      e = single[c] - 1;
      w = singleWeight[c];
    } else {
      h = fnvStep(h, text.charCodeAt(at + 1));
      const q = lookup.findSlot(text, at, at + 2, h);
      e = q < 0 ? -1 : slots[q] - 1;
      w = q < 0 ? NaN : slotWeight[(q >> 1) + 2];
    }
    // The character alone always is a candidate: its own weight if it is a word, else the least.
    let best = routeWeight[k + 1] + (w === w ? w : minWeight);
    let end = k + 1;
    let entry = e;
    if (!(best > MIN_DOUBLE)) { best = MIN_DOUBLE; }
    // Nothing longer when no entry begins with this character and the next.
    if (e >= 0 && k + 1 < n && !lookup.mayBeginWith(c, text.charCodeAt(at + 1))) e = -1;
    for (let j = k + 1; e >= 0 && j < n && j - k < MAX_WORD_RUNES; j++) {
      for (let u = runeAt[j]; u < runeAt[j + 1]; u++) h = fnvStep(h, text.charCodeAt(u));
      const q = lookup.findSlot(text, at, runeAt[j + 1], h);
      if (q < 0) break;
      const longer = slotWeight[(q >> 1) + 2];
      if (longer !== longer) continue; // only a prefix
      const v = routeWeight[j + 1] + longer;
      if (v > best) { best = v; end = j + 1; entry = slots[q] - 1; }
    }
    routeWeight[k] = best;
    routeEnd[k] = end;
    routeEntry[k] = entry;
  }

  // Words along the route; runs of single characters go to the HMM (MixSegment), except
  // one-character words of the user dictionary file.
  let run = -1;
  for (let k = 0; k < n;) {
    const end = routeEnd[k];
    const single = end === k + 1 && !(dict.singleCharUserWords.size && dict.singleCharUserWords.has(codePoint(text, runeAt[k])));
    if (single) {
      if (run < 0) run = k;
    } else {
      if (run >= 0) { hmmCut(text, run, k, hmm); run = -1; }
      pushToken(runeAt[k], runeAt[end], routeEntry[k]);
    }
    k = end;
  }
  if (run >= 0) hmmCut(text, run, n, hmm);
}

/** HMMSegment over runes [a, b): ASCII letters and numbers by rule, other text by Viterbi. */
function hmmCut(text: string, a: number, b: number, hmm: HmmModel): void {
  let left = a;
  let right = a;
  while (right < b) {
    const c = text.charCodeAt(runeAt[right]);
    if (c >= 0x80) { right++; continue; }
    if (left !== right) viterbiCut(text, left, right, hmm);
    left = right;
    let r = left;
    if (isLetter(c)) {
      r++;
      while (r < b && isLetterOrDigit(text.charCodeAt(runeAt[r]))) r++;
    } else if (isDigit(c)) {
      r++;
      while (r < b && (isDigit(text.charCodeAt(runeAt[r])) || text.charCodeAt(runeAt[r]) === 0x2e)) r++;
    } else {
      r++;
    }
    pushToken(runeAt[left], runeAt[r], -1);
    left = right = r;
  }
  if (left !== right) viterbiCut(text, left, right, hmm);
}

function isDigit(c: number): boolean { return c >= 0x30 && c <= 0x39; }
function isLetter(c: number): boolean { return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a); }
function isLetterOrDigit(c: number): boolean { return isLetter(c) || isDigit(c); }

/** The most likely B/E/M/S states of runes [a, b); a word ends at each E or S. */
function viterbiCut(text: string, a: number, b: number, hmm: HmmModel): void {
  const X = b - a;
  const { start, trans } = hmm;
  for (let x = 0; x < X; x++) hmmRow[x] = hmm.row(codePoint(text, runeAt[a + x]));
  // weight[x + y * X] as in cppjieba, so that sums are formed in the same order.
  for (let y = 0; y < 4; y++) {
    hmmWeight[y * X] = start[y] + hmm.emitOf(hmmRow[0], y);
    hmmPath[y * X] = -1;
  }
  for (let x = 1; x < X; x++) {
    const row = hmmRow[x];
    for (let y = 0; y < 4; y++) {
      const emit = hmm.emitOf(row, y);
      let best = MIN_DOUBLE;
      let from = E;
      for (let p = 0; p < 4; p++) {
        const v = hmmWeight[x - 1 + p * X] + trans[p * 4 + y] + emit;
        if (v > best) { best = v; from = p; }
      }
      hmmWeight[x + y * X] = best;
      hmmPath[x + y * X] = from;
    }
  }
  let state = hmmWeight[X - 1 + E * X] >= hmmWeight[X - 1 + S * X] ? E : S;
  // Backtrack the states into hmmRow (no longer needed), then cut after each E or S.
  for (let x = X - 1; x >= 0; x--) {
    const prev = hmmPath[x + state * X];
    hmmRow[x] = state;
    state = prev;
  }
  let left = a;
  for (let x = 0; x < X; x++) {
    if (hmmRow[x] & 1) {
      pushToken(runeAt[left], runeAt[a + x + 1], -1);
      left = a + x + 1;
    }
  }
}
