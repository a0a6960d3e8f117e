// jieba's dictionary, loaded once per process on first use: from the snapshot the build writes
// (dist/dict/jieba.table, ~35 ms) or else from jieba's text files (~0.6 s), plus the user's words;
// handed to CLI worker threads on shared memory. The table itself is wordTable.ts; what the
// analysis asks of it is lexicon.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HmmModel } from './segmenter';
import { readSnapshot, writeSnapshot, type TypedArray } from './snapshot';
import { ARRAY_FIELDS, WordTable, type ArrayField, type SharedWordTable } from './wordTable';

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

/** The dictionary as loaded: replaced whole by a load, and never changed but by user words. */
export interface Dictionary {
  table: WordTable;
  /** Total frequency of jieba's dictionary words. */
  total: number;
  /** Segmentation parameters cppjieba derives from the dictionary: the least and the median weight. */
  minWeight: number;
  medianWeight: number;
  hmm: HmmModel;
  /** Single characters the user dictionary lists: the segmenter keeps them as words. */
  singleCharUserWords: Set<number>;
  /** Where the table came from (tests, diagnostics). */
  source: 'snapshot' | 'text' | 'shared';
}

/** Words the user declared correct, kept across loads (a thread adopts them with the table). */
export const userWords = new Set<string>();
/** Frequency given to user words: as common as an everyday word. */
const USER_WORD_FREQ = 10_000;

let loaded: Dictionary | undefined;

/** The dictionary, loaded on first use: the build's snapshot if there is a valid one, else jieba's text. */
export function dictionary(): Dictionary {
  if (!loaded) {
    loaded = loadSnapshot() ?? loadText();
    for (const w of userWords) addUserWord(loaded, w);
  }
  return loaded;
}

export function dictionarySource(): Dictionary['source'] | undefined {
  return loaded?.source;
}

/** Builds the table from jieba's text files (the snapshot's source; ~0.6 s). */
function loadText(): Dictionary {
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
  const medianWeight = Math.log(sorted[sorted.length >> 1] / total);
  for (let e = 0; e < dictEntries; e++) t.addPrefixes(e);
  t.compact();
  const singleCharUserWords = readUserDict(paths.user, t, total, medianWeight);
  return {
    table: t, total, minWeight: Math.log(sorted[0] / total), medianWeight,
    hmm: HmmModel.load(paths.hmm), singleCharUserWords, source: 'text',
  };
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
  const built = loaded = loadText();
  const t = built.table;
  const model = built.hmm.toArrays();
  const arrays: [string, TypedArray][] = [
    ...ARRAY_FIELDS.map(f => [f, (t as unknown as Record<ArrayField, TypedArray>)[f]] as [string, TypedArray]),
    ['hmm.start', model.start], ['hmm.trans', model.trans], ['hmm.rows', model.rows], ['hmm.emit', model.emit],
  ];
  const header: SnapshotHeader = {
    sources: sourceSizes(), charsUsed: t.charsUsed, size: t.size, tagNames: t.tagNames,
    total: built.total, minWeight: built.minWeight, medianWeight: built.medianWeight, singleCharUserWords: [...built.singleCharUserWords],
  };
  const file = path.join(dir, SNAPSHOT_FILE);
  writeSnapshot(file, SNAPSHOT_MAGIC, header, arrays);
  return file;
}

/** The table from the snapshot beside the dictionaries, if there is a valid one. */
function loadSnapshot(): Dictionary | undefined {
  let bytes: Buffer;
  try {
    bytes = readShared(path.join(path.dirname(jiebaPaths().dict), SNAPSHOT_FILE));
  } catch {
    return undefined;
  }
  const snapshot = readSnapshot<SnapshotHeader>(bytes, SNAPSHOT_MAGIC);
  if (!snapshot) return undefined;
  const { header, arrays } = snapshot;
  try {
    const sizes = sourceSizes();
    if (Object.entries(header.sources).some(([name, size]) => sizes[name] !== undefined && sizes[name] !== size)) return undefined;
    if (ARRAY_FIELDS.some(f => !arrays.has(f)) || !['hmm.start', 'hmm.trans', 'hmm.rows', 'hmm.emit'].every(k => arrays.has(k))) return undefined;
    const parts = { ...Object.fromEntries(ARRAY_FIELDS.map(f => [f, arrays.get(f)])), charsUsed: header.charsUsed, size: header.size, tagNames: header.tagNames };
    return {
      table: WordTable.adopt(parts as unknown as SharedWordTable, false),
      hmm: HmmModel.fromArrays({ start: arrays.get('hmm.start') as Float64Array, trans: arrays.get('hmm.trans') as Float64Array, rows: arrays.get('hmm.rows') as Int32Array, emit: arrays.get('hmm.emit') as Float64Array }),
      total: header.total, minWeight: header.minWeight, medianWeight: header.medianWeight,
      singleCharUserWords: new Set(header.singleCharUserWords), source: 'snapshot',
    };
  } catch {
    return undefined;
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
function readUserDict(file: string, t: WordTable, total: number, medianWeight: number): Set<number> {
  const singleCharUserWords = new Set<number>();
  let text = '';
  try { text = fs.readFileSync(file, 'utf8'); } catch { return singleCharUserWords; }
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
  return singleCharUserWords;
}

function addUserWord(d: Dictionary, word: string): void {
  const t = d.table;
  t.unshare();
  t.tokens = undefined;
  const e = t.entryOf(word);
  t.freq[e] = USER_WORD_FREQ;
  t.setWeight(e, d.medianWeight);
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
    if (loaded) addUserWord(loaded, w);
  }
}


/** Loads everything now (the server calls this in the background right after start). */
export function warmUp(): void {
  dictionary();
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
  const d = dictionary();
  return { table: d.table.share(), total: d.total, minWeight: d.minWeight, medianWeight: d.medianWeight, singleCharUserWords: [...d.singleCharUserWords], userWords: [...userWords], hmm: d.hmm.toArrays() };
}

export function adoptDictionary(d: SharedDictionary): void {
  for (const w of d.userWords) userWords.add(w);
  loaded = {
    table: WordTable.adopt(d.table), total: d.total, minWeight: d.minWeight, medianWeight: d.medianWeight,
    singleCharUserWords: new Set(d.singleCharUserWords), hmm: HmmModel.fromArrays(d.hmm), source: 'shared',
  };
}

export function isLoaded(): boolean {
  return !!loaded;
}
