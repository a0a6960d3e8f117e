// The dictionary and the segmenter: nodejs-jieba (native, N-API) for cutting, and jieba's own word
// list read once into a compact table for frequencies and POS tags. Both load lazily, once per
// process, on first use; user words (names, terms that must never be flagged) join both.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';

export interface Token { word: string; tag: string }

export interface Lexicon {
  /** Frequency of `word` in jieba's dictionary (0 when unknown); user words count as frequent. */
  freq(word: string): number;
  /** `freq(text.slice(start, end))` without making the slice (for scanning loops). */
  freqAt(text: string, start: number, end: number): number;
  has(word: string): boolean;
  /**
   * Whether some dictionary or user word starts with `prefix` (the word itself included): a
   * segmenter trying longer and longer slices can stop as soon as this is false.
   */
  isPrefix(prefix: string): boolean;
  /** `isPrefix(text.slice(start, end))` without making the slice. */
  isPrefixAt(text: string, start: number, end: number): boolean;
  /** Words the user declared correct: never flagged by any rule. */
  isUserWord(word: string): boolean;
  userWords: ReadonlySet<string>;
  /** jieba's segmentation with its POS tags (identical to nodejs-jieba's `tag`). */
  tag(text: string): Token[];
  cut(text: string): string[];
  /** Total frequency mass of the dictionary (for probabilities). */
  total: number;
}

type Jieba = typeof import('nodejs-jieba');
let jieba: Jieba | undefined;
const userWords = new Set<string>();
/** Frequency given to user words: as common as an everyday word. */
const USER_WORD_FREQ = 10_000;
/** Frequency of a string that only begins words (never a frequency: those are ≥ 0). */
const PREFIX_ONLY = -1;

/**
 * Word → frequency and POS tag, for dictionary words and user words (user words override the
 * dictionary's figure), plus every proper prefix of a word with frequency PREFIX_ONLY, so one
 * lookup answers both "how frequent is this word" and "can a longer word start here".
 *
 * jieba's dictionary has 350k words; with their prefixes some 500k strings. As a Map of strings
 * that costs ~85 MB of heap in every process (the server, each CLI worker); here the characters
 * of all words sit in one Uint16Array (a prefix shares its word's characters), and an
 * open-addressing hash over an Int32Array points at per-entry typed arrays: ~15 MB, no objects for
 * the garbage collector to trace, and lookups of a slice of text without making the slice.
 */
class WordTable {
  chars = new Uint16Array(1 << 20);
  charsUsed = 0;
  start = new Uint32Array(1 << 16);
  length = new Uint16Array(1 << 16);
  freq = new Float64Array(1 << 16);
  /** Index into `tagNames` (0: no tag). */
  tag = new Uint8Array(1 << 16);
  size = 0;
  /** Entry + 1 per slot, 0 for empty; kept at most half full. */
  slots = new Int32Array(1 << 17);
  readonly tagNames: string[] = [''];
  private readonly tagIds = new Map<string, number>([['', 0]]);

  tagId(name: string): number {
    let id = this.tagIds.get(name);
    if (id === undefined) {
      // 55 tags in jieba's dictionary; should a custom one ever exceed a byte, drop the excess.
      if (this.tagNames.length > 255) return 0;
      id = this.tagNames.length;
      this.tagNames.push(name);
      this.tagIds.set(name, id);
    }
    return id;
  }

  /** Entry of `text[from, to)`, or -1. */
  find(text: string, from: number, to: number): number {
    const n = to - from;
    if (n <= 0) return -1;
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const { slots, chars, start, length } = this;
    const mask = slots.length - 1;
    for (let s = (h ^ (h >>> 15)) & mask; ; s = (s + 1) & mask) {
      const e = slots[s] - 1;
      if (e < 0) return -1;
      if (length[e] !== n) continue;
      let o = start[e], i = from;
      while (i < to && chars[o] === text.charCodeAt(i)) { o++; i++; }
      if (i === to) return e;
    }
  }

  /** Entry of the `n` characters at `chars[at]`, or -1; `h` is their hash. */
  private findChars(at: number, n: number, h: number): number {
    const { slots, chars, start, length } = this;
    const mask = slots.length - 1;
    for (let s = (h ^ (h >>> 15)) & mask; ; s = (s + 1) & mask) {
      const e = slots[s] - 1;
      if (e < 0) return -1;
      if (length[e] !== n) continue;
      let o = start[e], i = 0;
      while (i < n && chars[o] === chars[at + i]) { o++; i++; }
      if (i === n) return e;
    }
  }

  private static hashChars(chars: Uint16Array, at: number, n: number): number {
    let h = 0x811c9dc5;
    for (let i = at; i < at + n; i++) h = Math.imul(h ^ chars[i], 0x01000193);
    return h;
  }

  /** Room for `n` more characters at `chars[charsUsed]`. */
  reserveChars(n: number): void {
    if (this.charsUsed + n <= this.chars.length) return;
    // Grows by an eighth: after a bulk load only user words come, a few at a time.
    const grown = new Uint16Array(Math.max(this.charsUsed + n, this.chars.length + (this.chars.length >> 3), 1024));
    grown.set(this.chars.subarray(0, this.charsUsed));
    this.chars = grown;
  }

  /**
   * The entry of the `n` characters at `chars[at]` (which must be `charsUsed` or the characters
   * of an existing entry), added with frequency `freq` when missing; `created` tells which.
   */
  entryOfChars(at: number, n: number): { entry: number; created: boolean } {
    const h = WordTable.hashChars(this.chars, at, n);
    const found = this.findChars(at, n, h);
    if (found >= 0) return { entry: found, created: false };
    if (this.size === this.start.length) this.growEntries(this.size + (this.size >> 3) + 16);
    if ((this.size + 1) * 2 > this.slots.length) this.rehash();
    const e = this.size++;
    this.start[e] = at;
    this.length[e] = n;
    this.freq[e] = PREFIX_ONLY;
    this.tag[e] = 0;
    if (at === this.charsUsed) this.charsUsed += n;
    const mask = this.slots.length - 1;
    let s = (h ^ (h >>> 15)) & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = e + 1;
    return { entry: e, created: true };
  }

  /** The entry of `word`, added (frequency PREFIX_ONLY) when missing. */
  entryOf(word: string): number {
    const e = this.find(word, 0, word.length);
    if (e >= 0) return e;
    this.reserveChars(word.length);
    for (let i = 0; i < word.length; i++) this.chars[this.charsUsed + i] = word.charCodeAt(i);
    return this.entryOfChars(this.charsUsed, word.length).entry;
  }

  /** Makes every proper prefix of entry `e` known (PREFIX_ONLY unless it is a word itself). */
  addPrefixes(e: number): void {
    const at = this.start[e];
    for (let n = this.length[e] - 1; n >= 1; n--) {
      // A shorter prefix of a known string is known too.
      if (!this.entryOfChars(at, n).created) return;
    }
  }

  private growEntries(cap: number): void {
    const grow = <T extends Uint32Array | Uint16Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => { const b = make(cap); b.set(a); return b; };
    this.start = grow(this.start, n => new Uint32Array(n));
    this.length = grow(this.length, n => new Uint16Array(n));
    this.freq = grow(this.freq, n => new Float64Array(n));
    this.tag = grow(this.tag, n => new Uint8Array(n));
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let e = 0; e < this.size; e++) {
      const h = WordTable.hashChars(this.chars, this.start[e], this.length[e]);
      let s = (h ^ (h >>> 15)) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = e + 1;
    }
    this.slots = slots;
  }

  /** Sizes the storage for about `entries` entries and `chars` characters before a bulk load. */
  reserve(entries: number, chars: number): void {
    this.reserveChars(chars);
    if (this.start.length < entries) this.growEntries(Math.ceil(entries));
    while (this.slots.length < entries * 2) this.rehash();
  }

  /** Gives back the room a bulk load reserved but did not use. */
  compact(): void {
    this.chars = this.chars.slice(0, this.charsUsed);
    const n = this.size;
    this.start = this.start.slice(0, n);
    this.length = this.length.slice(0, n);
    this.freq = this.freq.slice(0, n);
    this.tag = this.tag.slice(0, n);
  }
}

let table: WordTable | undefined;
let dictTotal = 0;
/**
 * Tags of the words in jieba's user dictionary (`load()` reads it besides the main one): jieba
 * tags with them, although they have no frequency of their own here.
 */
let jiebaUserDictTags: Map<string, string> | undefined;

function jiebaModule(): Jieba {
  if (!jieba) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jieba = require('nodejs-jieba') as Jieba;
    loadJieba(jieba);
    for (const w of userWords) jieba.insertWord(w);
  }
  return jieba;
}

/**
 * `load()` also parses a 6 MB IDF table that only keyword extraction (`extract`, unused here)
 * needs: about a fifth of the load. A one-entry table in its place keeps the load valid; it is
 * written per thread (worker threads load concurrently) and removed right after.
 */
function loadJieba(j: Jieba): void {
  const stub = path.join(os.tmpdir(), `jiaodui-idf-${process.pid}-${threadId}.utf8`);
  try {
    fs.writeFileSync(stub, 'jiaodui 1.0\n');
  } catch {
    j.load();
    return;
  }
  try {
    j.load({ idfDict: stub });
  } finally {
    fs.rmSync(stub, { force: true });
  }
}

/** Requiring the module only finds its binding; the dictionaries load in `load()`. */
function jiebaPaths(): { dict: string; user: string } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const j = require('nodejs-jieba') as Jieba & { DEFAULT_DICT: string; DEFAULT_USER_DICT: string };
  return { dict: j.DEFAULT_DICT, user: j.DEFAULT_USER_DICT };
}

function words(): WordTable {
  if (!table) {
    const paths = jiebaPaths();
    const t = new WordTable();
    const bytes = fs.readFileSync(paths.dict);
    // jieba's 5 MB dictionary makes 350k words and 150k more prefixes (one entry per 10 bytes)
    // of 1M characters: reserved up front, so the load neither regrows nor rehashes.
    t.reserve(bytes.length / 10, bytes.length / 4);
    let total = 0;
    let pos = 0;
    const n = bytes.length;
    // Lines are `word freq tag`. The word is decoded from UTF-8 straight into the table's
    // characters and the frequency parsed in place: no string per line.
    while (pos < n) {
      let end = bytes.indexOf(10, pos);
      if (end < 0) end = n;
      const sp1 = bytes.indexOf(32, pos);
      if (sp1 > pos && sp1 < end) {
        t.reserveChars(sp1 - pos);
        const at = t.charsUsed;
        const len = decodeUtf8(bytes, pos, sp1, t.chars, at);
        let f = 0, i = sp1 + 1, c = bytes[i];
        for (; c >= 48 && c <= 57; c = bytes[++i]) f = f * 10 + (c - 48);
        let sp2 = i;
        if (i === sp1 + 1 || !(c === 32 || c === 10 || c === 13 || i >= end)) { // not plain digits: rare, let Number parse it
          sp2 = bytes.indexOf(32, sp1 + 1);
          if (sp2 < 0 || sp2 > end) sp2 = end;
          f = Number(bytes.toString('utf8', sp1 + 1, sp2));
        }
        let tagEnd = end;
        while (tagEnd > sp2 && (bytes[tagEnd - 1] === 13 || bytes[tagEnd - 1] === 32)) tagEnd--;
        const e = t.entryOfChars(at, len).entry;
        t.freq[e] = f;
        t.tag[e] = sp2 < tagEnd ? t.tagId(asciiOf(bytes, sp2 + 1, tagEnd)) : 0;
        total += f;
      }
      pos = end + 1;
    }
    const dictEntries = t.size;
    for (let e = 0; e < dictEntries; e++) t.addPrefixes(e);
    t.compact();
    for (const w of userWords) addUserWord(t, w);
    jiebaUserDictTags = readUserDictTags(paths.user);
    table = t;
    dictTotal = total;
  }
  return table;
}

/** Decodes UTF-8 `bytes[from, to)` into UTF-16 code units at `out[at]`; returns how many. */
function decodeUtf8(bytes: Uint8Array, from: number, to: number, out: Uint16Array, at: number): number {
  let k = at;
  for (let i = from; i < to;) {
    const b = bytes[i];
    if (b < 0x80) { out[k++] = b; i++; continue; }
    let cp: number;
    if (b >= 0xf0) { cp = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f); i += 4; }
    else if (b >= 0xe0) { cp = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f); i += 3; }
    else { cp = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f); i += 2; }
    if (cp > 0xffff) { cp -= 0x10000; out[k++] = 0xd800 | (cp >> 10); out[k++] = 0xdc00 | (cp & 0x3ff); }
    else out[k++] = cp;
  }
  return k - at;
}

function asciiOf(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** jieba's user dictionary lines are `word`, `word tag` or `word freq tag`. */
function readUserDictTags(file: string): Map<string, string> {
  const tags = new Map<string, string>();
  let text = '';
  try { text = fs.readFileSync(file, 'utf8'); } catch { return tags; }
  for (const line of text.split('\n')) {
    if (!line) continue;
    const parts = line.split(' ');
    if (parts.length === 1) tags.set(parts[0], '');
    else if (parts.length === 2) tags.set(parts[0], parts[1]);
    else if (parts.length === 3) tags.set(parts[0], parts[2]);
  }
  return tags;
}

function addUserWord(t: WordTable, word: string): void {
  const e = t.entryOf(word);
  t.freq[e] = USER_WORD_FREQ;
  t.addPrefixes(e);
}

/** Adds words the user declared correct (from settings or dictionary files). */
export function addUserWords(words: Iterable<string>): void {
  for (const raw of words) {
    const w = raw.trim();
    if (!w || userWords.has(w)) continue;
    userWords.add(w);
    if (LONE_SURROGATE.test(w)) illFormedUserWord = true;
    if (jieba) jieba.insertWord(w);
    if (table) addUserWord(table, w);
  }
}

/**
 * jieba's tag for a word it cut (cppjieba's PosTagger): the tag of the dictionary entry, the
 * last one added winning (`insertWord` adds user words with `x`); for words without one, `m`
 * when all ASCII in it is digits, `eng` when it has other ASCII, else `x` — counted over code
 * points, over no more than half of them, exactly as cppjieba's SpecialRule does.
 */
function tagOf(word: string, t: WordTable): string {
  if (userWords.has(word)) return 'x';
  const own = jiebaUserDictTags!.get(word);
  let tag: string;
  if (own !== undefined) tag = own;
  else {
    const e = t.find(word, 0, word.length);
    tag = e >= 0 ? t.tagNames[t.tag[e]] : '';
  }
  return tag || specialTag(word);
}

function specialTag(word: string): string {
  let size = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < word.length) { const d = word.charCodeAt(i + 1); if (d >= 0xdc00 && d < 0xe000) i++; }
    size++;
  }
  const half = Math.floor(size / 2);
  let m = 0, eng = 0;
  for (let i = 0, r = 0; r < size && eng < half; r++) {
    const c = word.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < word.length) { const d = word.charCodeAt(i + 1); i += d >= 0xdc00 && d < 0xe000 ? 2 : 1; }
    else i++;
    if (c < 0x80) {
      eng++;
      if (c >= 48 && c <= 57) m++;
    }
  }
  if (eng === 0) return 'x';
  return m === eng ? 'm' : 'eng';
}

/** Loads everything now (the server calls this in the background right after start). */
export function warmUp(): void {
  jiebaModule();
  words();
}

export function isLoaded(): boolean {
  return !!jieba && !!table;
}

/**
 * Whether a user word is not well-formed UTF-16 (a lone surrogate): N-API hands it to jieba as
 * U+FFFD, so jieba's tags for it cannot be mirrored here and tagging falls back to jieba's own.
 */
let illFormedUserWord = false;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const lexicon: Lexicon = {
  freq(word) {
    const t = words();
    const e = t.find(word, 0, word.length);
    return e < 0 || t.freq[e] === PREFIX_ONLY ? 0 : t.freq[e];
  },
  freqAt(text, start, end) {
    const t = words();
    const e = t.find(text, start, end);
    return e < 0 || t.freq[e] === PREFIX_ONLY ? 0 : t.freq[e];
  },
  has(word) {
    const t = words();
    const e = t.find(word, 0, word.length);
    return e >= 0 && t.freq[e] !== PREFIX_ONLY;
  },
  isPrefix(prefix) {
    return words().find(prefix, 0, prefix.length) >= 0;
  },
  isPrefixAt(text, start, end) {
    return words().find(text, start, end) >= 0;
  },
  isUserWord(word) {
    return userWords.has(word);
  },
  userWords,
  tag(text) {
    const j = jiebaModule();
    const t = words();
    if (illFormedUserWord) return j.tag(text) as Token[];
    // jieba's `tag` is its `cut` plus a dictionary lookup per word; the lookup is done here, in
    // the table already loaded, because the binding's building of {word, tag} objects costs
    // more than the cut itself.
    const cut = j.cut(text, true);
    const out: Token[] = new Array(cut.length);
    for (let i = 0; i < cut.length; i++) out[i] = { word: cut[i], tag: tagOf(cut[i], t) };
    return out;
  },
  cut(text) {
    return jiebaModule().cut(text, true);
  },
  get total() {
    words();
    return dictTotal;
  },
};
