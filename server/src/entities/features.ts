// Features of the entity labeller: what the model sees around each character. Shared by the
// training script (scripts/train-ner.ts) and the recogniser, so the two cannot drift apart.
//
// Every feature is a 32-bit FNV-1a hash of a template id and the characters it reads; the model
// stores weights by hash (no string table to ship or to build at load time).
//
// Text is first folded the way the training corpus and the pages differ: the People's Daily
// corpus prints digits and Latin letters full-width (`１２月`), pages half-width; both read as
// half-width here, and every digit as `0` (a date's digits say nothing about names).
import { FNV_SEED, fnvStep } from '../core/hash';
import { gazetteer } from './gazetteer';
import { lexicon, type Token } from '../language/lexicon';
import { COMPOUND_SURNAMES, SURNAMES, TITLES } from '../language/names';

/** Code used for positions before the start and after the end of the text. */
const BEFORE = 0x02;
const AFTER = 0x03;

/**
 * One UTF-16 unit folded for features: full-width ASCII to half-width, the ideographic space to
 * a space, digits to `0`, the middle dots a foreign name is printed with (`・`, `•`, `‧`) to `·`.
 * Length-preserving, so offsets stay those of the text.
 */
export function foldUnit(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  else if (c === 0x3000) return 0x20;
  if (c >= 0x30 && c <= 0x39) return 0x30;
  if (c === 0x30fb || c === 0x2022 || c === 0x2027 || c === 0xff65) return 0xb7;
  return c;
}

/** A unit's class: 1 CJK ideograph, 2 digit, 3 Latin letter, 4 punctuation or other, 5 space. */
function classOf(c: number): number {
  if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) return 1;
  if (c === 0x30) return 2;
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return 3;
  if (c === 0x20 || c === 0x09) return 5;
  return 4;
}

const TITLE_SET = new Set(TITLES);
const TITLE_MAX = Math.max(...TITLES.map(t => t.length));

/** Number of feature templates: at most this many features per character. */
export const MAX_FEATURES = 26;

/**
 * Names the corpus annotates, with their usual type (1 person, 2 place, 3 organisation): the
 * labeller's memory of names seen often enough (`古巴`, `欧盟`), which its character features
 * alone recall unevenly. Trained with lexicons that leave the paragraph's own day out, so the
 * model learns how far to trust a match rather than to copy it.
 */
export class NameLexicon {
  readonly maxLength: number;

  constructor(private readonly types: ReadonlyMap<string, number>) {
    let max = 0;
    for (const k of types.keys()) max = Math.max(max, k.length);
    this.maxLength = max;
  }

  /** The longest name starting at `text[i]`: its length and type, or undefined. */
  longestAt(text: string, i: number): { length: number; type: number } | undefined {
    for (let len = Math.min(this.maxLength, text.length - i); len >= 2; len--) {
      const t = this.types.get(text.slice(i, i + len));
      if (t) return { length: len, type: t };
    }
    return undefined;
  }

  /** One name a line, `name<TAB>type`, sorted: the file format of models/ner-names.txt. */
  static parse(file: string): NameLexicon {
    const types = new Map<string, number>();
    for (const line of file.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) types.set(line.slice(0, tab), Number(line.slice(tab + 1)));
    }
    return new NameLexicon(types);
  }

  static serialize(types: ReadonlyMap<string, number>): string {
    return [...types].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, t]) => `${k}\t${t}\n`).join('');
  }
}

/** Hash of a short ASCII string (a jieba tag) into a feature step. */
function tagCode(tag: string): number {
  let h = 0;
  for (let i = 0; i < tag.length; i++) h = h * 131 + tag.charCodeAt(i);
  return h;
}

/**
 * Features of every position of `text` (already folded with `foldUnit`, unit by unit): position
 * `i`'s hashes are `out[i * MAX_FEATURES + k]` for k < `counts[i]`. `tokens` are jieba's words
 * and tags for `text` (`lexicon.tag(text)` when not given).
 */
export function extractFeatures(text: string, tokens: readonly Token[] = lexicon.tag(text), names?: NameLexicon): { hashes: Uint32Array; counts: Uint8Array } {
  const n = text.length;
  // Known names: the longest one starting at each position marks its start, inside and end.
  const nameStart = new Uint8Array(n);
  const nameIn = new Uint8Array(n);
  const nameEnd = new Uint8Array(n);
  if (names) {
    for (let i = 0; i < n; i++) {
      const hit = names.longestAt(text, i);
      if (!hit) continue;
      const code = hit.type * 8 + Math.min(hit.length, 6);
      if (!nameStart[i]) nameStart[i] = code;
      for (let j = i + 1; j < i + hit.length - 1; j++) if (!nameIn[j]) nameIn[j] = hit.type;
      if (!nameEnd[i + hit.length - 1]) nameEnd[i + hit.length - 1] = code;
    }
  }
  // jieba's reading: for each character, its place in its word (1 begins, 2 inside, 3 ends,
  // 4 alone), the word's tag, and the tags of the words before and after.
  const wordPos = new Uint8Array(n);
  const wordTag = new Int32Array(n);
  const prevTag = new Int32Array(n);
  const nextTag = new Int32Array(n);
  let at = 0;
  for (let k = 0; k < tokens.length; k++) {
    const w = tokens[k].word;
    if (!text.startsWith(w, at)) break;
    const tag = tagCode(tokens[k].tag);
    const before = k > 0 ? tagCode(tokens[k - 1].tag) : 1;
    const after = k + 1 < tokens.length ? tagCode(tokens[k + 1].tag) : 2;
    for (let j = 0; j < w.length; j++) {
      wordPos[at + j] = w.length === 1 ? 4 : j === 0 ? 1 : j === w.length - 1 ? 3 : 2;
      wordTag[at + j] = tag;
      prevTag[at + j] = before;
      nextTag[at + j] = after;
    }
    at += w.length;
  }
  const codes = new Int32Array(n + 4);
  codes[0] = BEFORE; codes[1] = BEFORE;
  for (let i = 0; i < n; i++) codes[i + 2] = text.charCodeAt(i);
  codes[n + 2] = AFTER; codes[n + 3] = AFTER;
  const cls = new Int32Array(n + 4);
  for (let i = 0; i < n + 4; i++) cls[i] = codes[i] < 0x10 ? 0 : classOf(codes[i]);

  // Dictionary evidence, per position: a division's name (gazetteer) starting, inside or ending
  // there, and whether a title ends right before it or a surname starts at it.
  const gzStart = new Uint8Array(n);
  const gzIn = new Uint8Array(n);
  const gzEnd = new Uint8Array(n);
  const gz = gazetteer();
  for (let i = 0; i < n; i++) {
    const names = gz.namesAt(text, i);
    if (!names.length) continue;
    const len = names[0].length;
    const full = gz.full(names[0]) ? 1 : 2;
    gzStart[i] = Math.max(gzStart[i], full * 8 + Math.min(len, 6));
    for (let j = i + 1; j < i + len - 1 && j < n; j++) gzIn[j] = full;
    if (i + len - 1 < n) gzEnd[i + len - 1] = Math.max(gzEnd[i + len - 1], full * 8 + Math.min(len, 6));
  }

  const hashes = new Uint32Array(n * MAX_FEATURES);
  const counts = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = i + 2;
    let k = i * MAX_FEATURES;
    const put = (h: number) => { hashes[k++] = h >>> 0; };
    const t = (id: number) => fnvStep(FNV_SEED, id);
    // Characters in a window of two either side.
    for (let d = -2; d <= 2; d++) put(fnvStep(t(1 + d + 2), codes[p + d]));
    // Bigrams over the window, and the characters either side skipping this one.
    for (let d = -2; d <= 1; d++) put(fnvStep(fnvStep(t(6 + d + 2), codes[p + d]), codes[p + d + 1]));
    put(fnvStep(fnvStep(t(10), codes[p - 1]), codes[p + 1]));
    // The trigram centred here.
    put(fnvStep(fnvStep(fnvStep(t(11), codes[p - 1]), codes[p]), codes[p + 1]));
    // Character classes around: digits and Latin next to ideographs (`海卫1`, `F1`).
    put(fnvStep(fnvStep(fnvStep(t(12), cls[p - 1]), cls[p]), cls[p + 1]));
    // A division name starting, inside, ending here (full name or short form, and its length).
    if (gzStart[i]) put(fnvStep(t(13), gzStart[i]));
    if (gzIn[i]) put(fnvStep(t(14), gzIn[i]));
    if (gzEnd[i]) put(fnvStep(t(15), gzEnd[i]));
    // A title ending right before this character (`书记` + name), a surname starting here.
    if (titleEndsAt(text, i)) put(t(16));
    const surname = SURNAMES.has(text[i]) || COMPOUND_SURNAMES.has(text.slice(i, i + 2));
    if (surname) put(fnvStep(t(17), cls[p + 1]));
    // jieba's word around this character: place in it and tag, with its length, and the tags next to it.
    if (wordPos[i]) {
      const wp = fnvStep(fnvStep(t(19), wordPos[i]), wordTag[i]);
      put(wp);
      put(fnvStep(wp, Math.min(6, wordLength(wordPos, i))));
      put(fnvStep(fnvStep(wp, prevTag[i]), nextTag[i]));
      put(fnvStep(fnvStep(t(20), wordPos[i]), codes[p]));
    }
    // A known name starting, inside, ending here.
    if (nameStart[i]) put(fnvStep(t(21), nameStart[i]));
    if (nameIn[i]) put(fnvStep(t(22), nameIn[i]));
    if (nameEnd[i]) put(fnvStep(t(23), nameEnd[i]));
    // Bias.
    put(t(18));
    counts[i] = k - i * MAX_FEATURES;
  }
  return { hashes, counts };
}

/** Length of the jieba word that covers position `i`, from the word-position marks. */
function wordLength(pos: Uint8Array, i: number): number {
  let a = i;
  while (a > 0 && (pos[a] === 2 || pos[a] === 3)) a--;
  let b = i;
  while (b < pos.length && (pos[b] === 1 || pos[b] === 2)) b++;
  return b - a + 1;
}

function titleEndsAt(text: string, i: number): boolean {
  for (let len = 2; len <= TITLE_MAX && len <= i; len++) if (TITLE_SET.has(text.slice(i - len, i))) return true;
  return false;
}

/** `text` folded unit by unit (`foldUnit`). */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldUnit(text.charCodeAt(i)));
  return out;
}
