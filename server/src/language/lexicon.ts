// The dictionary and the segmenter: jieba's word list (shipped by nodejs-jieba) read once into a
// compact table of frequencies, POS tags and segmentation weights, and jieba's segmentation
// computed over it (segmenter.ts). Loaded lazily, once per process, on first use; user words
// (names, terms that must never be flagged) join the table.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fnvOf, fnvStep, FNV_SEED } from '../core/hash';
import { cut as segmentWords, HmmModel, segment, type SegmentDictionary } from './segmenter';
import { readSnapshot, writeSnapshot, type TypedArray } from './snapshot';

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
  /**
   * Whether `tag` made `token` for a dictionary word of two characters or more (jieba's route
   * took it as one): then `has(token.word)` is true without a lookup. False says nothing (single
   * characters, the HMM's words, tokens from elsewhere): ask `has`.
   */
  isRouteWord?(token: Token): boolean;
  cut(text: string): string[];
  /** Total frequency mass of the dictionary (for probabilities). */
  total: number;
}

const userWords = new Set<string>();
/** Frequency given to user words: as common as an everyday word. */
const USER_WORD_FREQ = 10_000;
/** Frequency of a string that only begins words (never a frequency: those are ≥ 0). */
const PREFIX_ONLY = -1;

/** Size of WordTable's pair filter: 2M bits, 256 kB, about a tenth of them set by jieba's dictionary. */
const PAIR_BITS = 1 << 21;
/** Int32s per hash slot (`WordTable.slots`): 32 bytes, two slots to a cache line. */
const SLOT = 8;
const SLOT_SHIFT = 3;
function pairBit(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 11;
}
/**
 * Bits of the filter of keys of three units or more (`WordTable.longKeys`): 256 kB, ~14% set. At
 * 512 kB (7% set) segmentation was ~6% slower: the filters, the pair filter and the per-character
 * arrays are read at every character and did not all stay in a 1 MB L2 cache.
 */
const LONG_KEY_BITS = 1 << 21;
/** The filter bit of a key of three units or more whose hash is `h` (another mix than the slot's). */
function longKeyBit(h: number): number {
  return Math.imul(h, 0x9e3779b1) >>> 11;
}

/** What a WordTable is made of, as another thread receives it (the arrays on SharedArrayBuffers). */
export interface SharedWordTable extends Pick<WordTable, ArrayField> {
  charsUsed: number;
  size: number;
  tagNames: string[];
}

/** The table's typed arrays: what threads share (and copy before writing). */
const ARRAY_FIELDS = ['chars', 'start', 'length', 'freq', 'tag', 'weight', 'single', 'singleWeight', 'pairs', 'longKeys', 'slots'] as const;
type ArrayField = typeof ARRAY_FIELDS[number];

/**
 * Word → frequency, POS tag and segmentation weight, for dictionary words and user words (user
 * words override the dictionary's figures), plus every proper prefix of a word with frequency
 * PREFIX_ONLY, so one lookup answers both "how frequent is this word" and "can a longer word
 * start here" (which is all the segmenter asks).
 *
 * jieba's dictionary has 350k words; with their prefixes some 500k strings. As a Map of strings
 * that costs ~85 MB of heap in every process; here the characters of all words sit in one
 * Uint16Array (a prefix shares its word's characters), and an open-addressing hash over an
 * Int32Array points at per-entry typed arrays: 50 MB, two thirds of it the hash slots, no objects for
 * the garbage collector to trace, lookups of a slice of text without making the slice, and
 * arrays a snapshot file or another thread can hand over whole.
 */
class WordTable {
  chars: Uint16Array;
  charsUsed = 0;
  start: Uint32Array;
  length: Uint16Array;
  freq: Float64Array;
  /** Index into `tagNames` (0: no tag). */
  tag: Uint8Array;
  /** Segmentation weight, ln(p) as cppjieba computes it; NaN for strings that only begin words. */
  weight: Float64Array;
  /** Entry + 1 of each one-unit string (0: none): the segmenter looks up every character. */
  single = new Int32Array(1 << 16);
  /**
   * `weight` of each one-unit string, NaN when it is not a word: the segmenter weighs every
   * character, and this array, unlike `weight`, stays in the cache.
   */
  singleWeight = new Float64Array(1 << 16).fill(NaN);
  /**
   * One bit per hash of a string's first two units, set for every entry of two units or more: a
   * clear bit says no word continues the character, without a probe of the (uncached) hash table.
   */
  pairs = new Uint32Array(PAIR_BITS >>> 5);
  /**
   * One bit per hash of each key of three units or more. Extending a candidate word by a
   * character mostly finds nothing (on the seeds 6.8k of 8k three-unit lookups): a clear bit
   * says so from a cached filter instead of a probe of the table. (A snapshot of another filter
   * size is another format: SNAPSHOT_MAGIC changes with it.)
   */
  longKeys = new Uint32Array(LONG_KEY_BITS >>> 5);
  size = 0;
  /**
   * The hash table, kept at most half full: SLOT integers per slot, a half cache line. A lookup is
   * memory-bound (the table is far larger than the caches), so a slot holds all a lookup of a
   * word of up to four units reads, and such a lookup touches one cache line:
   *  0 entry + 1 (0: empty)   1 the key's hash   2 the key's length   3 start in `chars`
   *  4–5 the weight (a float64: `slotWeight[(q >> 1) + 2]` for the slot at `slots[q]`)
   *  6 units 0 and 1 of the key (unit 0 in the low half)   7 units 2 and 3 (0 past the end)
   * Longer keys compare their fifth unit on in `chars`.
   */
  slots: Int32Array;
  /** `slots` as float64s, for the weights. */
  slotWeight!: Float64Array;

  /** An empty table with room for `entries` entries before it grows (0: to be adopted). */
  constructor(entries = 1 << 16) {
    this.chars = new Uint16Array(entries * 16);
    this.start = new Uint32Array(entries);
    this.length = new Uint16Array(entries);
    this.freq = new Float64Array(entries);
    this.tag = new Uint8Array(entries);
    this.weight = new Float64Array(entries);
    this.slots = new Int32Array(SLOT * Math.max(2, entries * 2));
    this.views();
  }

  /** Remakes the views over `slots` after it was replaced. */
  private views(): void {
    this.slotWeight = new Float64Array(this.slots.buffer, this.slots.byteOffset, this.slots.length >> 1);
  }

  /** Number of slots (`slots.length / SLOT`). */
  get capacity(): number { return this.slots.length >> SLOT_SHIFT; }
  readonly tagNames: string[] = [''];
  private readonly tagIds = new Map<string, number>([['', 0]]);

  /**
   * Whether the arrays sit on SharedArrayBuffers other threads read (see `share`): they must then
   * be copied before any write.
   */
  shared = false;

  /** `lexicon.tag`'s tokens (see TokenCache); this thread's own, never shared. */
  tokens: TokenCache | undefined;

  /** The table's state, for `WordTable.adopt` in another thread. */
  share(): SharedWordTable {
    const own = this as unknown as Record<ArrayField, TypedArray>;
    if (!this.shared) {
      for (const field of ARRAY_FIELDS) {
        const a = own[field];
        // Read from the snapshot onto shared memory (readShared): shared already.
        if (a.buffer instanceof SharedArrayBuffer) continue;
        const b = new (a.constructor as new (buffer: SharedArrayBuffer) => TypedArray)(new SharedArrayBuffer(a.byteLength));
        b.set(a as never);
        own[field] = b;
      }
      this.views();
      this.shared = true;
    }
    const out = { charsUsed: this.charsUsed, size: this.size, tagNames: [...this.tagNames] } as Record<string, unknown>;
    for (const field of ARRAY_FIELDS) out[field] = own[field];
    return out as unknown as SharedWordTable;
  }

  /**
   * A table over arrays made elsewhere — another thread's `share` (`shared`: copied before any
   * write) or a snapshot file's (this process's own): no copy, no parsing.
   */
  static adopt(s: SharedWordTable, shared = true): WordTable {
    const t = new WordTable(0);
    const own = t as unknown as Record<ArrayField, TypedArray>;
    for (const field of ARRAY_FIELDS) own[field] = s[field];
    t.charsUsed = s.charsUsed;
    t.size = s.size;
    for (const name of s.tagNames.slice(1)) t.tagId(name);
    t.shared = shared;
    t.views();
    return t;
  }

  /** Own copies of shared arrays, before a write (user words). */
  unshare(): void {
    if (!this.shared) return;
    const own = this as unknown as Record<ArrayField, TypedArray>;
    for (const field of ARRAY_FIELDS) own[field] = own[field].slice();
    this.views();
    this.shared = false;
  }

  /** Sets the segmentation weight of entry `e` (NaN: not a word). */
  setWeight(e: number, w: number): void {
    this.weight[e] = w;
    if (this.length[e] === 1) this.singleWeight[this.chars[this.start[e]]] = w;
    this.slotWeight[(this.slotOfEntry(e) >> 1) + 2] = w;
  }

  /** Index in `slots` of entry `e`'s slot. */
  private slotOfEntry(e: number): number {
    const { slots } = this;
    const mask = (slots.length >> SLOT_SHIFT) - 1;
    const h = WordTable.hashChars(this.chars, this.start[e], this.length[e]);
    let s = (h ^ (h >>> 15)) & mask;
    while (slots[s << SLOT_SHIFT] !== e + 1) s = (s + 1) & mask;
    return s << SLOT_SHIFT;
  }

  /** Whether some entry of two units or more may begin with units `a`, `b` (false: surely none). */
  mayBeginWith(a: number, b: number): boolean {
    const bit = pairBit(a, b);
    return (this.pairs[bit >>> 5] & (1 << (bit & 31))) !== 0;
  }

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
    return to <= from ? -1 : this.findHashed(text, from, to, fnvOf(text, from, to));
  }

  /** `find` given the hash `h` of `text[from, to)` (hash.ts; segmenter.ts extends it a character at a time). */
  findHashed(text: string, from: number, to: number, h: number): number {
    if (to - from === 1) return this.single[text.charCodeAt(from)] - 1;
    const q = this.findSlot(text, from, to, h);
    return q < 0 ? -1 : this.slots[q] - 1;
  }

  /**
   * Index in `slots` of the slot of `text[from, to)`, two units or more, or -1; `h` is its hash.
   * The segmenter reads the entry and its weight from there: one cache line.
   */
  findSlot(text: string, from: number, to: number, h: number): number {
    const { slots } = this;
    const n = to - from;
    if (n > 2) {
      const bit = longKeyBit(h);
      if ((this.longKeys[bit >>> 5] & (1 << (bit & 31))) === 0) return -1;
    }
    const mask = (slots.length >> SLOT_SHIFT) - 1;
    const head = text.charCodeAt(from) | (text.charCodeAt(from + 1) << 16);
    for (let s = (h ^ (h >>> 15)) & mask; ; s = (s + 1) & mask) {
      const q = s << SLOT_SHIFT;
      if (slots[q] === 0) return -1;
      if (slots[q + 1] !== h || slots[q + 2] !== n || slots[q + 6] !== head) continue;
      if (n === 2) return q;
      const tail = slots[q + 7];
      if (text.charCodeAt(from + 2) !== (tail & 0xffff)) continue;
      if (n === 3) return q;
      if (text.charCodeAt(from + 3) !== tail >>> 16) continue;
      const { chars } = this;
      let o = slots[q + 3] + 4, i = from + 4;
      while (i < to && chars[o] === text.charCodeAt(i)) { o++; i++; }
      if (i === to) return q;
    }
  }

  /** Entry of the `n` characters at `chars[at]`, or -1; `h` is their hash. */
  private findChars(at: number, n: number, h: number): number {
    const { slots, chars } = this;
    const mask = (slots.length >> SLOT_SHIFT) - 1;
    for (let s = (h ^ (h >>> 15)) & mask; ; s = (s + 1) & mask) {
      const q = s << SLOT_SHIFT;
      const e = slots[q] - 1;
      if (e < 0) return -1;
      if (slots[q + 1] !== h || slots[q + 2] !== n) continue;
      let o = slots[q + 3], i = 0;
      while (i < n && chars[o] === chars[at + i]) { o++; i++; }
      if (i === n) return e;
    }
  }

  private static hashChars(chars: Uint16Array, at: number, n: number): number {
    let h = FNV_SEED;
    for (let i = at; i < at + n; i++) h = fnvStep(h, chars[i]);
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
    if ((this.size + 1) * 2 > this.capacity) this.rehash();
    const e = this.size++;
    this.start[e] = at;
    this.length[e] = n;
    this.freq[e] = PREFIX_ONLY;
    this.tag[e] = 0;
    this.weight[e] = NaN;
    if (n === 1) this.single[this.chars[at]] = e + 1;
    else { const bit = pairBit(this.chars[at], this.chars[at + 1]); this.pairs[bit >>> 5] |= 1 << (bit & 31); }
    if (n > 2) { const bit = longKeyBit(h); this.longKeys[bit >>> 5] |= 1 << (bit & 31); }
    if (at === this.charsUsed) this.charsUsed += n;
    this.place(this.slots, this.slotWeight, e, h);
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
    this.weight = grow(this.weight, n => new Float64Array(n));
  }

  /** Puts entry `e`, whose key hashes to `h`, in the first free slot of its probe sequence. */
  private place(slots: Int32Array, slotWeight: Float64Array, e: number, h: number): void {
    const mask = (slots.length >> SLOT_SHIFT) - 1;
    let s = (h ^ (h >>> 15)) & mask;
    while (slots[s << SLOT_SHIFT] !== 0) s = (s + 1) & mask;
    const q = s << SLOT_SHIFT;
    const { chars } = this;
    const at = this.start[e], n = this.length[e];
    const unit = (i: number): number => (i < n ? chars[at + i] : 0);
    slots[q] = e + 1;
    slots[q + 1] = h;
    slots[q + 2] = n;
    slots[q + 3] = at;
    slotWeight[(q >> 1) + 2] = this.weight[e];
    slots[q + 6] = unit(0) | (unit(1) << 16);
    slots[q + 7] = unit(2) | (unit(3) << 16);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const slotWeight = new Float64Array(slots.buffer, 0, slots.length >> 1);
    for (let q = 0; q < this.slots.length; q += SLOT) {
      if (this.slots[q] !== 0) this.place(slots, slotWeight, this.slots[q] - 1, this.slots[q + 1]);
    }
    this.slots = slots;
    this.views();
  }

  /** Sizes the storage for about `entries` entries and `chars` characters before a bulk load. */
  reserve(entries: number, chars: number): void {
    this.reserveChars(chars);
    if (this.start.length < entries) this.growEntries(Math.ceil(entries));
    while (this.capacity < entries * 2) this.rehash();
  }

  /** Gives back the room a bulk load reserved but did not use. */
  compact(): void {
    this.chars = this.chars.slice(0, this.charsUsed);
    const n = this.size;
    this.start = this.start.slice(0, n);
    this.length = this.length.slice(0, n);
    this.freq = this.freq.slice(0, n);
    this.tag = this.tag.slice(0, n);
    this.weight = this.weight.slice(0, n);
  }
}

let table: WordTable | undefined;
let dictTotal = 0;
/**
 * Where jieba's dictionaries are: `dict/` beside the bundle (esbuild.mjs copies them to dist/dict,
 * and the .vsix ships them so), else nodejs-jieba's own `dict/` (running from source: tests,
 * scripts). nodejs-jieba is only resolved, never required: requiring it would load its native
 * binding, which nothing here uses (segmenter.ts).
 */
function jiebaPaths(): { dict: string; user: string; hmm: string } {
  const beside = path.join(__dirname, 'dict');
  const dir = fs.existsSync(path.join(beside, 'jieba.dict.utf8')) ? beside : path.resolve(path.dirname(require.resolve('nodejs-jieba')), '..', 'dict');
  return { dict: path.join(dir, 'jieba.dict.utf8'), user: path.join(dir, 'user.dict.utf8'), hmm: path.join(dir, 'hmm_model.utf8') };
}

/** Segmentation parameters cppjieba derives from the dictionary. */
let minWeight = 0;
let medianWeight = 0;
let hmm: HmmModel | undefined;
const singleCharUserWords = new Set<number>();

/** Where the loaded table came from (tests, diagnostics). */
let source: 'snapshot' | 'text' | 'shared' | undefined;
export function dictionarySource(): typeof source {
  return source;
}

function words(): WordTable {
  if (!table) {
    source = loadSnapshot() ? 'snapshot' : (loadText(), 'text');
    for (const w of userWords) addUserWord(table!, w);
  }
  return table!;
}

/** Builds the table from jieba's text files (the snapshot's source; ~0.6 s). */
function loadText(): void {
  const paths = jiebaPaths();
  const t = new WordTable();
  const bytes = fs.readFileSync(paths.dict);
  // jieba's 5 MB dictionary makes 350k words and 150k more prefixes (one entry per 10 bytes)
  // of 1M characters: reserved up front, so the load neither regrows nor rehashes.
  t.reserve(bytes.length / 10, bytes.length / 4);
  let total = 0;
  let pos = 0;
  const n = bytes.length;
  const freqs: number[] = [];
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
      freqs.push(f);
    }
    pos = end + 1;
  }
  const dictEntries = t.size;
  // cppjieba's DictTrie: a word weighs ln(freq / total); a character outside the dictionary
  // the least of those, a user word without a frequency the median.
  for (let e = 0; e < dictEntries; e++) t.setWeight(e, Math.log(t.freq[e] / total));
  const sorted = Float64Array.from(freqs).sort();
  minWeight = Math.log(sorted[0] / total);
  medianWeight = Math.log(sorted[sorted.length >> 1] / total);
  for (let e = 0; e < dictEntries; e++) t.addPrefixes(e);
  t.compact();
  readUserDict(paths.user, t, total);
  hmm = HmmModel.load(paths.hmm);
  table = t;
  dictTotal = total;
}

// ---- the dictionary snapshot --------------------------------------------------------------------
//
// Parsing jieba's 5 MB text dictionary into the table costs ~0.6 s of CPU in every process that
// analyses (the server's first diagnostics, each `jiaodui` run). The build (esbuild.mjs) writes
// the finished table once to dist/dict/jieba.table — its typed arrays as they are in memory,
// behind a JSON header (snapshot.ts) — and loading it is a file read of ~50 MB: ~35 ms. A
// snapshot from a machine of the other byte order, an older format or dictionary files of
// another size is ignored and the text is parsed instead.

const SNAPSHOT_FILE = 'jieba.table';
const SNAPSHOT_MAGIC = 'JIAODUI-TABLE-4\n';

interface SnapshotHeader {
  /** Sizes of the text files the table was built from: a different dictionary invalidates it. */
  sources: Record<string, number>;
  charsUsed: number;
  size: number;
  tagNames: string[];
  total: number;
  minWeight: number;
  medianWeight: number;
  singleCharUserWords: number[];
}

function sourceSizes(): Record<string, number> {
  const paths = jiebaPaths();
  const sizes: Record<string, number> = {};
  for (const file of [paths.dict, paths.user, paths.hmm]) {
    try { sizes[path.basename(file)] = fs.statSync(file).size; } catch { /* not shipped beside it */ }
  }
  return sizes;
}

/**
 * Writes the table, built from the text files (never from an older snapshot), with jieba's HMM
 * model, to `dir/jieba.table`. User words are left out: they are added per process.
 */
export function writeDictionarySnapshot(dir: string): string {
  if (userWords.size) throw new Error('writeDictionarySnapshot: user words would be baked in');
  table = undefined;
  loadText();
  const t = table!;
  const model = hmm!.toArrays();
  const arrays: [string, TypedArray][] = [
    ...ARRAY_FIELDS.map(f => [f, (t as unknown as Record<ArrayField, TypedArray>)[f]] as [string, TypedArray]),
    ['hmm.start', model.start], ['hmm.trans', model.trans], ['hmm.rows', model.rows], ['hmm.emit', model.emit],
  ];
  const header: SnapshotHeader = {
    sources: sourceSizes(), charsUsed: t.charsUsed, size: t.size, tagNames: t.tagNames,
    total: dictTotal, minWeight, medianWeight, singleCharUserWords: [...singleCharUserWords],
  };
  const file = path.join(dir, SNAPSHOT_FILE);
  writeSnapshot(file, SNAPSHOT_MAGIC, header, arrays);
  return file;
}

/** Loads the table from the snapshot beside the dictionaries, if there is a valid one. */
function loadSnapshot(): boolean {
  let bytes: Buffer;
  try {
    bytes = readShared(path.join(path.dirname(jiebaPaths().dict), SNAPSHOT_FILE));
  } catch {
    return false;
  }
  const snapshot = readSnapshot<SnapshotHeader>(bytes, SNAPSHOT_MAGIC);
  if (!snapshot) return false;
  const { header, arrays } = snapshot;
  try {
    const sizes = sourceSizes();
    if (Object.entries(header.sources).some(([name, size]) => sizes[name] !== undefined && sizes[name] !== size)) return false;
    if (ARRAY_FIELDS.some(f => !arrays.has(f)) || !['hmm.start', 'hmm.trans', 'hmm.rows', 'hmm.emit'].every(k => arrays.has(k))) return false;
    const parts = { ...Object.fromEntries(ARRAY_FIELDS.map(f => [f, arrays.get(f)])), charsUsed: header.charsUsed, size: header.size, tagNames: header.tagNames };
    const t = WordTable.adopt(parts as unknown as SharedWordTable, false);
    hmm = HmmModel.fromArrays({ start: arrays.get('hmm.start') as Float64Array, trans: arrays.get('hmm.trans') as Float64Array, rows: arrays.get('hmm.rows') as Int32Array, emit: arrays.get('hmm.emit') as Float64Array });
    dictTotal = header.total;
    minWeight = header.minWeight;
    medianWeight = header.medianWeight;
    for (const cp of header.singleCharUserWords) singleCharUserWords.add(cp);
    table = t;
    return true;
  } catch {
    return false;
  }
}

/**
 * A file's bytes in a SharedArrayBuffer. The snapshot's arrays are views of the file, so read
 * this way the table is shared memory from the start: `shareDictionary` hands it to worker
 * threads without copying its 50 MB (that copy took ~45 ms per CLI run), and nothing that holds
 * a view of it — the HMM's emission rows — drags the whole buffer into a worker's `workerData`
 * (a view of an ordinary buffer is cloned with all of its buffer: 50 MB and ~40 ms more).
 */
function readShared(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    for (let at = 0; at < size;) {
      const n = fs.readSync(fd, bytes, at, size - at, at);
      if (n === 0) throw new Error(`${file}: ended after ${at} of ${size} bytes`);
      at += n;
    }
    return bytes;
  } finally {
    fs.closeSync(fd);
  }
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

/**
 * Reads jieba's user dictionary (nodejs-jieba ships one, of three words): lines are `word`,
 * `word tag` or `word freq tag`. Its words join the table for segmentation only — weighed as
 * cppjieba weighs them, the median unless a frequency is given, and tagged with their own
 * tags — not as frequencies of the language model.
 */
function readUserDict(file: string, t: WordTable, total: number): void {
  let text = '';
  try { text = fs.readFileSync(file, 'utf8'); } catch { return; }
  for (const line of text.split('\n')) {
    if (!line) continue;
    const parts = line.split(' ');
    if (parts.length > 3) continue;
    const word = parts[0];
    if (!word) continue;
    const e = t.entryOf(word);
    t.tag[e] = parts.length === 1 ? 0 : t.tagId(parts[parts.length - 1]);
    t.setWeight(e, parts.length === 3 ? Math.log(parseInt(parts[1], 10) / total) : medianWeight);
    t.addPrefixes(e);
    const cp = word.codePointAt(0)!;
    if (word.length === (cp > 0xffff ? 2 : 1)) singleCharUserWords.add(cp);
  }
}

function addUserWord(t: WordTable, word: string): void {
  t.unshare();
  t.tokens = undefined;
  const e = t.entryOf(word);
  t.freq[e] = USER_WORD_FREQ;
  t.setWeight(e, medianWeight);
  // nodejs-jieba's `insertWord` tags user words `x`.
  t.tag[e] = t.tagId('x');
  t.addPrefixes(e);
}

/** Adds words the user declared correct (from settings or dictionary files). */
export function addUserWords(words: Iterable<string>): void {
  for (const raw of words) {
    const w = raw.trim();
    if (!w || userWords.has(w)) continue;
    userWords.add(w);
    if (table) addUserWord(table, w);
  }
}

/**
 * jieba's tag for a word it cut (cppjieba's PosTagger): the tag of the dictionary entry, the
 * last one added winning (`insertWord` adds user words with `x`); for words without one, `m`
 * when all ASCII in it is digits, `eng` when it has other ASCII, else `x` — counted over code
 * points, over no more than half of them, exactly as cppjieba's SpecialRule does.
 */
function tagOf(word: string, t: WordTable, entry = t.find(word, 0, word.length)): string {
  return (entry >= 0 ? t.tagNames[t.tag[entry]] : '') || specialTag(word);
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
  words();
}

/** The loaded dictionary as another thread can adopt it without loading (CLI workers). */
export interface SharedDictionary {
  table: SharedWordTable;
  total: number;
  minWeight: number;
  medianWeight: number;
  singleCharUserWords: number[];
  userWords: string[];
  hmm: ReturnType<HmmModel['toArrays']>;
}

/**
 * Loads the dictionary if need be and moves its table onto SharedArrayBuffers: worker threads
 * that `adoptDictionary` it read the same memory instead of each parsing jieba's 5 MB dictionary
 * into a 30 MB table of its own (~0.35 s per thread, and caches shared rather than thrashed).
 */
export function shareDictionary(): SharedDictionary {
  const t = words();
  return { table: t.share(), total: dictTotal, minWeight, medianWeight, singleCharUserWords: [...singleCharUserWords], userWords: [...userWords], hmm: hmm!.toArrays() };
}

export function adoptDictionary(d: SharedDictionary): void {
  table = WordTable.adopt(d.table);
  source = 'shared';
  dictTotal = d.total;
  minWeight = d.minWeight;
  medianWeight = d.medianWeight;
  for (const cp of d.singleCharUserWords) singleCharUserWords.add(cp);
  for (const w of d.userWords) userWords.add(w);
  hmm = HmmModel.fromArrays(d.hmm);
}

export function isLoaded(): boolean {
  return !!table;
}

/**
 * The tokens `lexicon.tag` made, by dictionary entry and, for single characters cut without one
 * (the HMM's, separators), by UTF-16 unit, shared by every later `tag`: a token is plain data nothing changes,
 * and a page repeats a few thousand words. Without it, `tag` made a string and an object per
 * word: 4.3 MB of garbage for the 23.5k-character long page, most of an analysis's. Dropped when
 * user words change a tag (`addUserWord`).
 */
class TokenCache {
  /** By entry, in chunks of 1024 (a flat array indexed up to 500k would fall back to a dictionary). */
  private readonly chunks: ((Token | undefined)[] | undefined)[] = [];
  readonly units: (Token | undefined)[] = new Array<Token | undefined>(0x10000).fill(undefined);

  entry(e: number): Token | undefined {
    return this.chunks[e >>> 10]?.[e & 1023];
  }

  setEntry(e: number, token: Token): void {
    while (this.chunks.length <= e >>> 10) this.chunks.push(undefined);
    (this.chunks[e >>> 10] ??= new Array<Token | undefined>(1024).fill(undefined))[e & 1023] = token;
  }
}

/** The cached tokens of dictionary words of two runes or more (`lexicon.isRouteWord`). */
const routeWords = new WeakSet<Token>();

/** The table as segmenter.ts reads it. */
const segmentDictionary: SegmentDictionary = {
  get single() { return table!.single; },
  get singleWeight() { return table!.singleWeight; },
  get lookup() { return table!; },
  get slots() { return table!.slots; },
  get slotWeight() { return table!.slotWeight; },
  get minWeight() { return minWeight; },
  singleCharUserWords,
};

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
    const t = words();
    // jieba's `tag` is its `cut` plus a dictionary lookup per word (cppjieba's PosTagger).
    const s = segment(text, segmentDictionary, hmm!);
    const n = s.count;
    const cache = t.tokens ??= new TokenCache();
    const out: Token[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const e = s.entry[i], from = s.from[i], to = s.to[i];
      if (e >= 0) {
        // A dictionary entry: its word and tag are the entry's, the same token every time.
        let tok = cache.entry(e);
        if (!tok) {
          const word = text.slice(from, to);
          cache.setEntry(e, tok = { word, tag: tagOf(word, t, e) });
          // An entry of two runes or more on the route is a word: the route takes only words there.
          if (to - from > 2 || (to - from === 2 && (text.charCodeAt(from) & 0xfc00) !== 0xd800)) routeWords.add(tok);
        }
        out[i] = tok;
      } else if (to - from === 1) {
        // One UTF-16 unit cut without an entry (the HMM's single characters, separators).
        const unit = text.charCodeAt(from);
        let tok = cache.units[unit];
        if (!tok) { const word = text[from]; cache.units[unit] = tok = { word, tag: tagOf(word, t) }; }
        out[i] = tok;
      } else {
        const word = text.slice(from, to);
        out[i] = { word, tag: tagOf(word, t) };
      }
    }
    return out;
  },
  isRouteWord(token) {
    return routeWords.has(token);
  },
  cut(text) {
    words();
    return segmentWords(text, segmentDictionary, hmm!);
  },
  get total() {
    words();
    return dictTotal;
  },
};
