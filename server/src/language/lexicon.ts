// What the analysis asks of the language's words: jieba's dictionary (dictionary.ts) as
// frequencies, prefixes and user words, and jieba's segmentation with POS tags computed over it
// (segmenter.ts), identical to nodejs-jieba's `tag` and `cut`.
import { dictionary, userWords } from './dictionary';
import { cut as segmentWords, segment, type SegmentDictionary } from './segmenter';
import { PREFIX_ONLY, TokenCache, type Token, type WordTable } from './wordTable';

export type { Token };

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

/** The cached tokens of dictionary words of two runes or more (`lexicon.isRouteWord`). */
const routeWords = new WeakSet<Token>();

/** The table as segmenter.ts reads it. */
const segmentDictionary: SegmentDictionary = {
  get single() { return dictionary().table.single; },
  get singleWeight() { return dictionary().table.singleWeight; },
  get lookup() { return dictionary().table; },
  get slots() { return dictionary().table.slots; },
  get slotWeight() { return dictionary().table.slotWeight; },
  get minWeight() { return dictionary().minWeight; },
  get singleCharUserWords() { return dictionary().singleCharUserWords; },
};

export const lexicon: Lexicon = {
  freq(word) {
    const t = dictionary().table;
    const e = t.find(word, 0, word.length);
    return e < 0 || t.freq[e] === PREFIX_ONLY ? 0 : t.freq[e];
  },
  freqAt(text, start, end) {
    const t = dictionary().table;
    const e = t.find(text, start, end);
    return e < 0 || t.freq[e] === PREFIX_ONLY ? 0 : t.freq[e];
  },
  has(word) {
    const t = dictionary().table;
    const e = t.find(word, 0, word.length);
    return e >= 0 && t.freq[e] !== PREFIX_ONLY;
  },
  isPrefix(prefix) {
    return dictionary().table.find(prefix, 0, prefix.length) >= 0;
  },
  isPrefixAt(text, start, end) {
    return dictionary().table.find(text, start, end) >= 0;
  },
  isUserWord(word) {
    return userWords.has(word);
  },
  userWords,
  tag(text) {
    const t = dictionary().table;
    // jieba's `tag` is its `cut` plus a dictionary lookup per word (cppjieba's PosTagger).
    const s = segment(text, segmentDictionary, dictionary().hmm);
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
    return segmentWords(text, segmentDictionary, dictionary().hmm);
  },
  get total() {
    return dictionary().total;
  },
};
