// The dictionary's table: every word of jieba's dictionary and of the user's, with its frequency,
// POS tag and segmentation weight, and every prefix of a word, in typed arrays behind one
// open-addressing hash (see WordTable). What is in it and how it is loaded is dictionary.ts's.
import { fnvOf, fnvStep, FNV_SEED } from '../core/hash';
import type { TypedArray } from './snapshot';

/** A word as `lexicon.tag` cuts it, with its jieba POS tag. */
export interface Token { word: string; tag: string }

/** Frequency of a string that only begins words (never a frequency: those are ≥ 0). */
export const PREFIX_ONLY = -1;

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
export const ARRAY_FIELDS = ['chars', 'start', 'length', 'freq', 'tag', 'weight', 'single', 'singleWeight', 'pairs', 'longKeys', 'slots'] as const;
export type ArrayField = typeof ARRAY_FIELDS[number];

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
export class WordTable {
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

/**
 * The tokens `lexicon.tag` made, by dictionary entry and, for single characters cut without one
 * (the HMM's, separators), by UTF-16 unit, shared by every later `tag`: a token is plain data nothing changes,
 * and a page repeats a few thousand words. Without it, `tag` made a string and an object per
 * word: 4.3 MB of garbage for the 23.5k-character long page, most of an analysis's. Dropped when
 * user words change a tag (`addUserWord`).
 */
export class TokenCache {
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
