// The dictionary and the segmenter: nodejs-jieba (native, N-API) for cutting and POS tags, and
// jieba's own word list read once into a Map for frequencies. Both load lazily, once per process,
// on first use; user words (names, terms that must never be flagged) join both.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Token { word: string; tag: string }

export interface Lexicon {
  /** Frequency of `word` in jieba's dictionary (0 when unknown); user words count as frequent. */
  freq(word: string): number;
  has(word: string): boolean;
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
let dictFreq: Map<string, number> | undefined;
let dictTotal = 0;
const userWords = new Set<string>();
/** Frequency given to user words: as common as an everyday word. */
const USER_WORD_FREQ = 10_000;

function jiebaModule(): Jieba {
  if (!jieba) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jieba = require('nodejs-jieba') as Jieba;
    jieba.load();
    for (const w of userWords) jieba.insertWord(w);
  }
  return jieba;
}

function dictionaryPath(): string {
  const j = jiebaModule() as Jieba & { DEFAULT_DICT: string };
  return j.DEFAULT_DICT ?? path.join(path.dirname(require.resolve('nodejs-jieba/package.json')), 'dict', 'jieba.dict.utf8');
}

function frequencies(): Map<string, number> {
  if (!dictFreq) {
    const map = new Map<string, number>();
    const text = fs.readFileSync(dictionaryPath(), 'utf8');
    let total = 0;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const sp1 = text.indexOf(' ', start);
      if (sp1 > start && sp1 < end) {
        const sp2 = text.indexOf(' ', sp1 + 1);
        const f = Number(text.slice(sp1 + 1, sp2 > 0 && sp2 < end ? sp2 : end));
        map.set(text.slice(start, sp1), f);
        total += f;
      }
      start = end + 1;
    }
    dictFreq = map;
    dictTotal = total;
  }
  return dictFreq;
}

/** Adds words the user declared correct (from settings or dictionary files). */
export function addUserWords(words: Iterable<string>): void {
  for (const raw of words) {
    const w = raw.trim();
    if (!w || userWords.has(w)) continue;
    userWords.add(w);
    if (jieba) jieba.insertWord(w);
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
    if (userWords.has(word)) return USER_WORD_FREQ;
    return frequencies().get(word) ?? 0;
  },
  has(word) {
    return userWords.has(word) || frequencies().has(word);
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
