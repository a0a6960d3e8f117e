// A character trigram language model with interpolated Kneser–Ney smoothing, trained by
// scripts/train-lm.ts from People's Daily text and jieba's dictionary and shipped as
// models/lm.bin (copied to dist/models/ by the build). Where the word model of
// language/langmodel.ts knows only which words exist, this one knows which characters follow
// which: `入户` and `人户` are both absent from a unigram word model's view of `人/户`, but
// P(户 | 入) and P(户 | 人) differ by orders of magnitude here.
//
// Storage is ARPA's backoff form of the interpolated model: each stored n-gram holds its full
// (interpolated) log-probability and, for contexts, the backoff weight for what was not seen
// after it. Bigrams are keyed exactly (two UTF-16 codes in 32 bits), trigrams by a 32-bit hash
// (about one false hit in 17,000 lookups of an unseen trigram at the model's size, which only
// ever makes text look slightly more probable); both are sorted arrays in the file, indexed by
// hash tables made at load.
// Log-probabilities are quantised to a byte (0.1 nat steps).
import * as fs from 'node:fs';
import { modelFile } from '../core/models';
import { readSnapshot, type TypedArray } from './snapshot';

export const LM_MAGIC = 'JIAODUI-LM4\n';
export const LM_FILE = 'lm.bin';

/** Paragraph start and end (never in text: control codes). */
export const BOS = 0x02;
export const EOS = 0x03;
/** A word boundary: dictionary words are trained as `WB word` (never queried at run time). */
export const WB = 0x04;
/** Every digit reads as `0` and every Latin letter as `A`: the model sees their class, not their value. */
const DIGIT = 0x30;
const LETTER = 0x41;

/** Quantisation: a log-probability p (nats, ≤ 0) is stored as round(-p / STEP), capped at 255. */
export const PROB_STEP = 0.1;
/** Backoff weights (log, ≤ 0) at a finer step: they are small and added to every unseen n-gram. */
export const BACKOFF_STEP = 0.05;

/**
 * The symbol the model reads for UTF-16 code `c`: full-width ASCII folded to ASCII (the corpus
 * prints `１９９８年`, pages print `1998年`), curly quotation marks to straight ones, digits and
 * Latin letters to their class. Spaces are
 * not symbols: callers drop them (language/langmodel.ts cleanForScoring).
 */
export function symbolOf(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  // Quotation marks, curly or straight: OCR prints either where the corpus has curly ones.
  if (c === 0x201c || c === 0x201d) return 0x22;
  if (c === 0x2018 || c === 0x2019) return 0x27;
  if (c >= 0x30 && c <= 0x39) return DIGIT;
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return LETTER;
  return c;
}

/** 32-bit hash of a trigram of symbols (FNV-1a over the three codes, then a final mix). */
export function trigramKey(a: number, b: number, c: number): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ a, 0x01000193);
  h = Math.imul(h ^ b, 0x01000193);
  h = Math.imul(h ^ c, 0x01000193);
  h ^= h >>> 15; h = Math.imul(h, 0x2c1b3c6d); h ^= h >>> 12;
  return h >>> 0;
}

export function bigramKey(a: number, b: number): number {
  return ((a << 16) | b) >>> 0;
}

export interface NgramArrays {
  /** Per BMP code: -log P1 (quantised; 255 = unseen character). */
  uniProb: Uint8Array;
  /** Per BMP code b: -log of the backoff weight of context `b` (quantised). */
  uniBackoff: Uint8Array;
  biKeys: Uint32Array;
  biProb: Uint8Array;
  biBackoff: Uint8Array;
  triKeys: Uint32Array;
  triProb: Uint8Array;
}

/**
 * An open-addressing table over a sorted key array, made when the model loads (~20 ms for
 * 700k keys): a lookup is one or two probes of one cache line, where bisecting the sorted array
 * was twenty dependent reads (1-2 µs per probability, too slow to score every character).
 */
class KeyIndex {
  /** Slot i holds a key at 2i and its index + 1 at 2i+1 (0 = empty): one cache line per probe. */
  private readonly table: Uint32Array;
  private readonly mask: number;

  constructor(keys: Uint32Array) {
    let size = 1024;
    while (size < keys.length * 2) size *= 2;
    this.mask = size - 1;
    this.table = new Uint32Array(2 * size);
    for (let i = 0; i < keys.length; i++) {
      let h = KeyIndex.slot(keys[i]) & this.mask;
      while (this.table[2 * h + 1] !== 0) h = (h + 1) & this.mask;
      this.table[2 * h] = keys[i];
      this.table[2 * h + 1] = i + 1;
    }
  }

  private static slot(key: number): number {
    return Math.imul(key ^ (key >>> 16), 0x9e3779b1) >>> 7;
  }

  /** Index of `key` in the sorted array, or -1. */
  find(key: number): number {
    const { table, mask } = this;
    let h = KeyIndex.slot(key) & mask;
    for (;;) {
      const i = table[2 * h + 1];
      if (i === 0) return -1;
      if (table[2 * h] === key) return i - 1;
      h = (h + 1) & mask;
    }
  }
}

export class CharNgramModel {
  private readonly bi: KeyIndex;
  private readonly tri: KeyIndex;

  constructor(private readonly a: NgramArrays) {
    this.bi = new KeyIndex(a.biKeys);
    this.tri = new KeyIndex(a.triKeys);
  }

  /** log P(c | a b) in nats, for symbols a, b, c (BOS for text before a paragraph's start). */
  logProb(a: number, b: number, c: number): number {
    const { uniProb, uniBackoff, biProb, biBackoff, triProb } = this.a;
    const t = this.tri.find(trigramKey(a, b, c));
    if (t >= 0) return -triProb[t] * PROB_STEP;
    let backoff = 0;
    const ctx = this.bi.find(bigramKey(a, b));
    if (ctx >= 0) backoff = -biBackoff[ctx] * BACKOFF_STEP;
    const bi = this.bi.find(bigramKey(b, c));
    if (bi >= 0 && biProb[bi] < 255) return backoff - biProb[bi] * PROB_STEP;
    return backoff - uniBackoff[b] * BACKOFF_STEP - uniProb[c] * PROB_STEP;
  }

  /**
   * log P of every symbol of `syms` given the two before it (BOS before the start), and of the
   * paragraph's end after the last: `printedScore` and `localScore` read it instead of asking
   * the model again for every candidate position.
   */
  positionScores(syms: ArrayLike<number>): Float32Array {
    const n = syms.length;
    const out = new Float32Array(n + 1);
    for (let i = 0; i <= n; i++) {
      out[i] = this.logProb(i >= 2 ? syms[i - 2] : BOS, i >= 1 ? syms[i - 1] : BOS, i < n ? syms[i] : EOS);
    }
    return out;
  }

  /**
   * log-probability of the printed symbols whose context holds index k of `syms`: k, k+1, k+2,
   * and the paragraph's end when it is that close (what `substitutionGain` compares with).
   */
  printedScore(syms: ArrayLike<number>, k: number, scores?: Float32Array): number {
    const n = syms.length;
    if (scores) { let sum = 0; for (let i = k; i <= Math.min(k + 2, n); i++) sum += scores[i]; return sum; }
    const at = (i: number) => i < 0 ? BOS : i >= n ? EOS : syms[i];
    let sum = 0;
    for (let i = k; i <= Math.min(k + 2, n); i++) sum += this.logProb(at(i - 2), at(i - 1), at(i));
    return sum;
  }

  /**
   * How much more probable the text becomes with symbol `alt` at index `k` of `syms`: the
   * log-probabilities of the three symbols whose context holds index k (k, k+1, k+2, and the
   * paragraph's end when it is that close), with `alt` minus with what is printed. The left
   * context speaks through P(alt | two before), the right through the two symbols after.
   *
   * With a `floor`, the sum stops as soon as it cannot reach it (every term left is ≤ 0) and
   * returns a value below the floor: most candidates are ruled out by their first term.
   * `printed` is `printedScore(syms, k)` when the caller has it (one per position, not per candidate).
   */
  substitutionGain(syms: ArrayLike<number>, k: number, alt: number, floor = -Infinity, printed = this.printedScore(syms, k)): number {
    // Written out, without a helper closure: this runs for every candidate of every position.
    const n = syms.length;
    const before2 = k >= 2 ? syms[k - 2] : BOS, before1 = k >= 1 ? syms[k - 1] : BOS;
    let sum = this.logProb(before2, before1, alt) - printed;
    if (sum < floor) return sum;
    const after1 = k + 1 < n ? syms[k + 1] : EOS;
    sum += this.logProb(before1, alt, after1);
    if (k + 1 >= n || sum < floor) return sum;
    return sum + this.logProb(alt, after1, k + 2 < n ? syms[k + 2] : EOS);
  }

  /**
   * How probable the printed symbol at `k` is in its own context, both sides: log P(s_k | left)
   * + log P(s_k+1 | …, s_k). Positions that score well here are not worth trying candidates at.
   */
  localScore(syms: ArrayLike<number>, k: number, scores?: Float32Array): number {
    const n = syms.length;
    if (scores) return scores[k] + scores[Math.min(k + 1, n)];
    const at = (i: number) => i < 0 ? BOS : i >= n ? EOS : syms[i];
    return this.logProb(at(k - 2), at(k - 1), at(k)) + this.logProb(at(k - 1), at(k), at(k + 1));
  }

  /**
   * log-probability of symbols `syms[from, to)` given what precedes them in `syms` (BOS before
   * its start). Callers compare a text with a variant over the positions the change can reach.
   */
  score(syms: ArrayLike<number>, from: number, to: number): number {
    let sum = 0;
    for (let i = from; i < to; i++) {
      const a = i >= 2 ? syms[i - 2] : BOS, b = i >= 1 ? syms[i - 1] : BOS;
      sum += this.logProb(a, b, syms[i]);
    }
    return sum;
  }
}

/** The symbols of `text` (one per UTF-16 unit; callers drop spaces first). */
export function symbolsOf(text: string): Uint16Array {
  const out = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = symbolOf(text.charCodeAt(i));
  return out;
}

export function arraysFromSnapshot(arrays: Map<string, TypedArray>): NgramArrays | undefined {
  const get = <T extends TypedArray>(name: string, type: new (...a: never[]) => T): T | undefined => {
    const a = arrays.get(name);
    return a instanceof type ? a : undefined;
  };
  const r = {
    uniProb: get('uniProb', Uint8Array), uniBackoff: get('uniBackoff', Uint8Array),
    biKeys: get('biKeys', Uint32Array), biProb: get('biProb', Uint8Array), biBackoff: get('biBackoff', Uint8Array),
    triKeys: get('triKeys', Uint32Array), triProb: get('triProb', Uint8Array),
  };
  return Object.values(r).every(Boolean) ? r as NgramArrays : undefined;
}

/** Where the model is (core/models.ts). */
export function modelPath(): string {
  return modelFile(LM_FILE);
}

/** Reads a model file (undefined when it is not one). */
export function loadCharModel(file: string): CharNgramModel | undefined {
  const snap = readSnapshot(fs.readFileSync(file), LM_MAGIC);
  const arrays = snap && arraysFromSnapshot(snap.arrays);
  return arrays ? new CharNgramModel(arrays) : undefined;
}

let shared: CharNgramModel | null | undefined;

/**
 * The process-wide model, read on first use (a few MB, a few ms); null when the file is missing
 * or damaged — the rules that need it then report nothing rather than guess.
 */
export function charModel(): CharNgramModel | null {
  if (shared !== undefined) return shared;
  try {
    shared = loadCharModel(modelPath()) ?? null;
  } catch {
    shared = null;
  }
  return shared;
}
