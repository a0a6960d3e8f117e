// A small language model over jieba's dictionary: a unigram word model whose score for a string
// is the log-probability of its best segmentation (the same model jieba's own cutter maximises,
// without the HMM for unknown words). Rules use it to compare a few characters of text with a
// variant (a look-alike substituted, a doubled character removed): the variant that segments into
// more probable words is the likelier reading. Scoring stays on small windows (±4 characters)
// around candidates, so the cost is a few hundred Map lookups per candidate, not a second pass of
// the segmenter over the page.
import { isIdeograph } from '../core/charclass';
import { lexicon, type Lexicon, type Token } from './lexicon';
import type { RunAnalysis, TextOfRun } from './runs';

/** Longest dictionary word tried; jieba's dictionary has longer entries, but they are rare idioms. */
const MAX_WORD = 8;
/**
 * Frequency credited to a CJK character the dictionary does not know as a word. Lower than any
 * dictionary entry (jieba's minimum is 1-3), so unknown characters cost more than any known word.
 */
const UNKNOWN_FREQ = 0.5;
/**
 * Frequency credited to a run of non-CJK characters (digits, Latin, punctuation): such runs are
 * identical in the text and its variants, so any constant works; this one is a middling word.
 */
const OTHER_FREQ = 5000;

export interface Segment {
  word: string;
  /** Index of the word's first character in the scored string. */
  start: number;
  logp: number;
  /** Whether the dictionary knows the word (non-CJK runs count as known). */
  known: boolean;
}

export interface Segmentation {
  logp: number;
  segments: Segment[];
}

function newScratch(n: number): { best: Float64Array; back: Int32Array; knownAt: Uint8Array } {
  return { best: new Float64Array(n), back: new Int32Array(n), knownAt: new Uint8Array(n) };
}
let scratch = newScratch(64);

/**
 * How the character rules score a replacement with the word model: a window of this many
 * characters on each side of the character (room for a four-character word either way), and a
 * word-insertion penalty of this many nats per segment (see `segment`), which keeps a string of
 * single characters from beating the real word a replacement makes.
 */
export const SCORING_WINDOW = 4;
export const SCORING_PENALTY = 3;

export class LanguageModel {
  private readonly logTotal: number;

  constructor(private readonly lex: Lexicon = lexicon) {
    this.logTotal = Math.log(lex.total);
  }

  /** log P(word) under the unigram model; unknown single CJK characters get the floor. */
  wordLogProb(word: string): number {
    const f = this.lex.freq(word);
    return Math.log(f > 0 ? f : UNKNOWN_FREQ) - this.logTotal;
  }

  /**
   * The most probable segmentation of `text` (dynamic programming over dictionary words).
   * `segmentPenalty` (nats per segment) is the word-insertion penalty of speech recognisers: a
   * unigram model has no context, so `人/党` (two frequent words) scores close to `入党` (one rarer
   * word); charging each segment a few nats stands in for the missing bigram evidence that two
   * unrelated single characters rarely follow each other. 0 gives jieba's own objective.
   */
  segment(text: string, segmentPenalty = 0): Segmentation {
    const n = text.length;
    // Scratch arrays shared by all calls (rules segment thousands of small windows per page).
    if (scratch.best.length < n + 1) scratch = newScratch(2 * (n + 1));
    const { best, back, knownAt } = scratch;
    best.fill(-Infinity, 0, n + 1);
    back.fill(0, 0, n + 1);
    knownAt.fill(0, 0, n + 1);
    best[0] = 0;
    const otherLogp = Math.log(OTHER_FREQ) - this.logTotal;
    for (let i = 0; i < n; i++) {
      if (best[i] === -Infinity) continue;
      if (!isIdeograph(text.charCodeAt(i))) {
        // A maximal run of non-CJK characters is one token.
        let j = i + 1;
        while (j < n && !isIdeograph(text.charCodeAt(j))) j++;
        const s = best[i] + otherLogp - segmentPenalty;
        if (s > best[j]) { best[j] = s; back[j] = i; knownAt[j] = 1; }
        continue;
      }
      const limit = Math.min(n, i + MAX_WORD);
      for (let j = i + 1; j <= limit; j++) {
        if (j > i + 1 && !isIdeograph(text.charCodeAt(j - 1))) break;
        const f = this.lex.freqAt(text, i, j);
        if (f <= 0) {
          // No dictionary word starts with text[i, j): no longer slice can be one either (only speed).
          if (!this.lex.isPrefixAt(text, i, j)) { if (j === i + 1) this.relax(best, back, knownAt, i, j, f, segmentPenalty); break; }
          if (j > i + 1) continue;
        }
        this.relax(best, back, knownAt, i, j, f, segmentPenalty);
      }
    }
    const segments: Segment[] = [];
    for (let j = n; j > 0; j = back[j]) {
      const i = back[j];
      segments.push({ word: text.slice(i, j), start: i, logp: best[j] - best[i] + segmentPenalty, known: knownAt[j] === 1 });
    }
    segments.reverse();
    return { logp: best[n], segments };
  }

  private relax(best: Float64Array, back: Int32Array, knownAt: Uint8Array, i: number, j: number, f: number, segmentPenalty: number): void {
    const s = best[i] + Math.log(f > 0 ? f : UNKNOWN_FREQ) - this.logTotal - segmentPenalty;
    if (s > best[j]) { best[j] = s; back[j] = i; knownAt[j] = f > 0 ? 1 : 0; }
  }

  /** log-probability of the best segmentation of `text` (with the given segment penalty). */
  score(text: string, segmentPenalty = 0): number {
    return this.segment(text, segmentPenalty).logp;
  }
}

let shared: LanguageModel | undefined;

/** The process-wide model over jieba's dictionary (and the user's words). */
export function languageModel(): LanguageModel {
  return (shared ??= new LanguageModel());
}

/**
 * Text prepared for character-level scoring: spaces dropped (OCR leaves them between CJK
 * characters where a line wrapped, and `药村 加工` must be scored as `药村加工`), with a map from
 * each kept character back to its index in the original.
 */
export interface CleanText {
  text: string;
  /** `origin[k]` is the index in the original text of `text[k]`. */
  origin: number[];
}

export function cleanForScoring(text: string): CleanText {
  // The text between spaces goes over in slices: a string grown one character at a time costs
  // an allocation per character.
  let out = '';
  let from = 0;
  // Made at the text's length and cut to the characters kept (growing it by `push` would leave
  // its smaller copies to the garbage collector).
  const origin = new Array<number>(text.length);
  let kept = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x3000 || c === 0x09) {
      if (i > from) out += text.slice(from, i);
      from = i + 1;
      continue;
    }
    origin[kept++] = i;
  }
  origin.length = kept;
  return { text: from === 0 ? text : out + text.slice(from), origin };
}

/** `cleanForScoring` of a run's text, made once per run text for the rules that score characters. */
export function cleanRun(ctx: Pick<RunAnalysis, 'memo'>, run: TextOfRun): CleanText {
  return ctx.memo('clean-text', run, () => cleanForScoring(run.text));
}

/** The segment of `seg` that covers index `k`. */
export function segmentAt(seg: Segmentation, k: number): Segment | undefined {
  for (const s of seg.segments) if (k >= s.start && k < s.start + s.word.length) return s;
  return undefined;
}

/** A jieba token with its span in the text it was cut from. */
export interface TokenSpan { word: string; tag: string; start: number; end: number }

/** Spans of jieba tokens (which cover their text exactly, spaces included) in the cut text. */
export function tokenSpans(tokens: readonly { word: string; tag: string }[]): TokenSpan[] {
  const out: TokenSpan[] = [];
  let at = 0;
  for (const t of tokens) {
    out.push({ word: t.word, tag: t.tag, start: at, end: at + t.word.length });
    at += t.word.length;
  }
  return out;
}

/** The token covering index `i` (binary search over spans sorted by start). */
export function tokenAt(spans: readonly TokenSpan[], i: number): TokenSpan | undefined {
  let lo = 0, hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (i < s.start) hi = mid - 1;
    else if (i >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/**
 * A run's jieba tokens laid out on its text, shared by the rules that read them (lookalike-char,
 * duplicate-char, garbled-text): token starts in a typed array (no span object per token), and
 * whether each token is a dictionary word, looked up at most once — a lookup in the dictionary's
 * table is a cache miss, and the rules ask about the same tokens.
 */
export class RunTokens {
  /**
   * `starts[k]` is where token k begins in the run's text; `starts[tokens.length]` is the text's
   * length. (Plain arrays of small integers, made at their final size: a typed array costs
   * more to create than to read, and there is one per run; an array grown by `push` leaves its
   * smaller copies to the garbage collector.)
   */
  readonly starts: number[];
  /** Per token: 1 a dictionary word of two or more characters, 0 not, -1 not looked up yet. */
  private readonly words: number[];

  constructor(readonly tokens: readonly Token[], readonly lex: Lexicon) {
    const n = tokens.length;
    this.starts = new Array<number>(n + 1);
    let at = 0;
    for (let k = 0; k < n; k++) { this.starts[k] = at; at += tokens[k].word.length; }
    this.starts[n] = at;
    this.words = new Array<number>(n).fill(-1);
  }

  /** Index of the token covering index `i` of the text, or -1 (as `tokenAt` finds it). */
  indexAt(i: number): number {
    const { starts } = this;
    let lo = 0, hi = this.tokens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (i < starts[mid]) hi = mid - 1;
      else if (i >= starts[mid + 1]) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /**
   * `indexAt(i)` for an `i` at or after where token `from` starts (or -1 from an earlier call):
   * a walk forward, for scans that visit the text in order.
   */
  indexFrom(i: number, from: number): number {
    const { starts } = this, n = this.tokens.length;
    let k = from < 0 ? n : from;
    while (k < n && starts[k + 1] <= i) k++;
    return k < n && starts[k] <= i ? k : -1;
  }

  /** Token `k` as a span. */
  span(k: number): TokenSpan {
    const t = this.tokens[k];
    return { word: t.word, tag: t.tag, start: this.starts[k], end: this.starts[k + 1] };
  }

  /** Whether token `k` is a word of two or more characters the dictionary knows (`lex.has`). */
  isWord(k: number): boolean {
    let w = this.words[k];
    if (w < 0) {
      const word = this.tokens[k].word;
      // The segmenter's word tokens are known words (`isRouteWord`): a dictionary lookup saved for most.
      w = this.words[k] = word.length > 1 && (this.lex.isRouteWord?.(this.tokens[k]) || this.lex.has(word)) ? 1 : 0;
    }
    return w === 1;
  }
}

/**
 * The `RunTokens` of a run, made once per run text and analysis (and carried to the next
 * analysis with the run's tags, which depend on the same text and user words).
 */
export function runTokens(ctx: Pick<RunAnalysis, 'lexicon' | 'tags' | 'memo'>, run: TextOfRun): RunTokens {
  return ctx.memo('run-tokens', run, () => new RunTokens(ctx.tags(run), ctx.lexicon));
}
