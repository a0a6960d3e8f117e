// The dictionary and the segmenter: nodejs-jieba (native, N-API) for cutting and POS tags, and
// jieba's own word list read once into a Map for frequencies. Both load lazily, once per process,
// on first use; user words (names, terms that must never be flagged) join both.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';

export interface Token { word: string; tag: string }

export interface Lexicon {
  /** Frequency of `word` in jieba's dictionary (0 when unknown); user words count as frequent. */
  freq(word: string): number;
  has(word: string): boolean;
  /**
   * Whether some dictionary or user word starts with `prefix` (the word itself included): a
   * segmenter trying longer and longer slices can stop as soon as this is false.
   */
  isPrefix(prefix: string): boolean;
  /** Words the user declared correct: never flagged by any rule. */
  isUserWord(word: string): boolean;
  userWords: ReadonlySet<string>;
  tag(text: string): Token[];
  cut(text: string): string[];
  /** Total frequency mass of the dictionary (for probabilities). */
  total: number;
}

type Jieba = typeof import('nodejs-jieba');
let jieba: Jieba | undefined;
/**
 * Word → frequency, for dictionary words and user words (user words override the dictionary's
 * figure). Proper prefixes of words that are not words themselves map to PREFIX_ONLY, so one
 * lookup answers both "how frequent is this word" and "can a longer word start here".
 */
let dictFreq: Map<string, number> | undefined;
let dictTotal = 0;
const userWords = new Set<string>();
/** Frequency given to user words: as common as an everyday word. */
const USER_WORD_FREQ = 10_000;
/** Map value of a string that only begins words (never a frequency: those are ≥ 0). */
const PREFIX_ONLY = -1;

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
function dictionaryPath(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('nodejs-jieba') as Jieba & { DEFAULT_DICT: string }).DEFAULT_DICT;
}

function frequencies(): Map<string, number> {
  if (!dictFreq) {
    const map = new Map<string, number>();
    const text = fs.readFileSync(dictionaryPath(), 'utf8');
    let total = 0;
    let start = 0;
    // Lines are `word freq tag`; the frequency is parsed in place (no substring per line).
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const sp1 = text.indexOf(' ', start);
      if (sp1 > start && sp1 < end) {
        let f = 0, i = sp1 + 1, c = text.charCodeAt(i);
        for (; c >= 48 && c <= 57; c = text.charCodeAt(++i)) f = f * 10 + (c - 48);
        if (i === sp1 + 1 || !(c === 32 || c === 10 || c === 13 || i >= end)) { // not plain digits: rare, let Number parse it
          const sp2 = text.indexOf(' ', sp1 + 1);
          f = Number(text.slice(sp1 + 1, sp2 > 0 && sp2 < end ? sp2 : end));
        }
        map.set(text.slice(start, sp1), f);
        total += f;
      }
      start = end + 1;
    }
    for (const word of map.keys()) addPrefixes(map, word);
    for (const w of userWords) addUserWord(map, w);
    dictFreq = map;
    dictTotal = total;
  }
  return dictFreq;
}

function addPrefixes(map: Map<string, number>, word: string): void {
  for (let n = word.length - 1; n >= 1; n--) {
    const p = word.slice(0, n);
    if (map.has(p)) return; // a shorter prefix of a known string is known too
    map.set(p, PREFIX_ONLY);
  }
}

function addUserWord(map: Map<string, number>, word: string): void {
  map.set(word, USER_WORD_FREQ);
  addPrefixes(map, word);
}

/** Adds words the user declared correct (from settings or dictionary files). */
export function addUserWords(words: Iterable<string>): void {
  for (const raw of words) {
    const w = raw.trim();
    if (!w || userWords.has(w)) continue;
    userWords.add(w);
    if (jieba) jieba.insertWord(w);
    if (dictFreq) addUserWord(dictFreq, w);
  }
}

/** Loads everything now (the server calls this in the background right after start). */
export function warmUp(): void {
  jiebaModule();
  frequencies();
}

export function isLoaded(): boolean {
  return !!jieba && !!dictFreq;
}

export const lexicon: Lexicon = {
  freq(word) {
    const f = frequencies().get(word);
    return f === undefined || f === PREFIX_ONLY ? 0 : f;
  },
  has(word) {
    const f = frequencies().get(word);
    return f !== undefined && f !== PREFIX_ONLY;
  },
  isPrefix(prefix) {
    return frequencies().has(prefix);
  },
  isUserWord(word) {
    return userWords.has(word);
  },
  userWords,
  tag(text) {
    return jiebaModule().tag(text) as Token[];
  },
  cut(text) {
    return jiebaModule().cut(text, true);
  },
  get total() {
    frequencies();
    return dictTotal;
  },
};
