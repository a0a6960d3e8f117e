// Where the character rules must not propose a change: names of persons, places and
// organisations, numbers and dates, words the user declared, idioms and fixed phrases, and
// quotations and titles of works. Every rule that replaces or removes a character asks here, and
// only here. Two layers: a mask per paragraph from cheap evidence (below), and the statistical
// name recogniser (entities/recognizer.ts), asked only where a rule is about to report.
//
// Today's sources, all per run (so the answer is memoised per paragraph text):
//   - jieba's tags: nr/nrfg/nrt (persons), ns (places), nt (organisations), nz (other proper
//     nouns), i/l (idioms, fixed phrases), m (numerals), t (times and dates);
//   - words of the user's dictionaries;
//   - unknown tokens made of one-character country and province abbreviations (`美日`);
//   - a surname followed by one or two characters jieba glued into an unknown token, and the one
//     to three characters after a title (`书记`, `记者`) when they are no dictionary word;
//   - digits and Latin letters, and what sits between quotation marks or title marks.
import { isIdeograph } from '../core/charclass';
import type { Lexicon } from '../language/lexicon';
import type { TextRun } from '../page/model';
import { COMPOUND_SURNAMES, SURNAMES, TITLES } from '../language/names';
import type { RuleContext } from './rule';
import { recognizeNames } from '../entities/recognizer';

/** Why a character is protected (bits of the mask). */
export const NAME = 1, NUMBER = 2, IDIOM = 4, QUOTATION = 8, USER_WORD = 16;
/** Everything: what the look-alike and doubling rules skip. */
export const ANY = NAME | NUMBER | IDIOM | QUOTATION | USER_WORD;

const NAME_TAGS = /^(?:nr|nrfg|nrt|ns|nt|nz|eng)$/;
const IDIOM_TAGS = /^(?:i|l)$/;
/** Numbers and times: only their numerals are protected (`6月4曰` is a date whose `曰` is wrong). */
const NUMBER_TAGS = /^(?:m|t|mq)$/;
/** Pairs of marks whose content is a quotation or a title: left as printed. */
const OPENERS: Record<string, string> = { '“': '”', '《': '》', '「': '」', '『': '』', '〈': '〉', '"': '"' };
/** A quotation longer than this is taken for an unclosed mark, not a quotation (and not protected). */
const MAX_QUOTE = 60;

/**
 * One-character abbreviations of countries and of China's provinces, which pair up into names
 * jieba does not know (`美日`, `中俄`, `京津`, `苏浙`): a token made only of them is a place.
 */
const PLACE_ABBREVIATIONS = new Set([...'中美日俄英法德意加澳韩朝印巴越泰菲欧非亚蒙缅老柬新马' + '京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕秦甘陇青宁港台']);
const NUMERALS = new Set([...'〇零一二两三四五六七八九十百千万亿']);
/** Measure words and counted units that make a numeral before them a number (`八省`, `三个`). */
const MEASURES = new Set([...'个名位人次省市县区乡镇村户家项条件种类年月日天时分秒元角斤吨米里亩岁届期批台辆架艘所座张本册篇章节层楼号点倍成']);

/** Character classes for the one pass over a run's characters (bits). */
const DIGIT_OR_LATIN = 1, DIGIT = 2, NUMERAL = 4, MEASURE = 8, OPENER = 16;
const CHAR_CLASS = new Uint8Array(65536);
for (let c = 0x30; c <= 0x39; c++) CHAR_CLASS[c] |= DIGIT_OR_LATIN | DIGIT;
for (let c = 0xff10; c <= 0xff19; c++) CHAR_CLASS[c] |= DIGIT_OR_LATIN | DIGIT;
for (const [a, b] of [[0x41, 0x5a], [0x61, 0x7a], [0xff21, 0xff3a], [0xff41, 0xff5a]]) for (let c = a; c <= b; c++) CHAR_CLASS[c] |= DIGIT_OR_LATIN;
for (const ch of NUMERALS) CHAR_CLASS[ch.charCodeAt(0)] |= NUMERAL;
for (const ch of MEASURES) CHAR_CLASS[ch.charCodeAt(0)] |= MEASURE;
for (const ch of Object.keys(OPENERS)) CHAR_CLASS[ch.charCodeAt(0)] |= OPENER;

/** Every title, longest first (TITLES is sorted so): one scan of a run finds them all. */
const TITLE_RE = new RegExp(TITLES.join('|'), 'g');


/**
 * Per index of `run.text`, the reasons (bits NAME, NUMBER, IDIOM, QUOTATION, USER_WORD) no
 * character rule may propose a change there; 0 where it may. Computed once per run text (`ctx.memo`).
 */
export function protectedMask(ctx: Pick<RuleContext, 'lexicon' | 'tags' | 'memo'>, run: TextRun): Uint8Array {
  return ctx.memo('protected-spans', run, () => computeMask(run.text, ctx.tags(run), ctx.lexicon));
}

/** Protected spans of `run.text` as [start, end) pairs (for tests and hovers; rules use the mask). */
export function protectedSpans(ctx: Pick<RuleContext, 'lexicon' | 'tags' | 'memo'>, run: TextRun): [number, number][] {
  const mask = protectedMask(ctx, run);
  const out: [number, number][] = [];
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    let j = i + 1;
    while (j < mask.length && mask[j]) j++;
    out.push([i, j]);
    i = j;
  }
  return out;
}

export function computeMask(text: string, tokens: readonly { word: string; tag: string }[], lex: Lexicon): Uint8Array {
  const mask = new Uint8Array(text.length);
  const mark = (a: number, b: number, why = NAME) => { for (let i = Math.max(0, a); i < Math.min(text.length, b); i++) mask[i] |= why; };

  // Tokens: tags, user words, surname-initial unknown tokens, what follows a title.
  let at = 0;
  for (let k = 0; k < tokens.length; k++) {
    const { word, tag } = tokens[k];
    const start = at;
    at += word.length;
    if (lex.isUserWord(word)) { mark(start, at, USER_WORD); continue; }
    if (NAME_TAGS.test(tag)) { mark(start, at); continue; }
    if (IDIOM_TAGS.test(tag)) { mark(start, at, IDIOM); continue; }
    if (NUMBER_TAGS.test(tag)) { for (let i = start; i < at; i++) if (NUMERALS.has(text[i])) mark(i, i + 1, NUMBER); continue; }
    // Only tokens that could be a name are looked up in the dictionary.
    if (word.length > 1 && (SURNAMES.has(word[0]) || COMPOUND_SURNAMES.has(word.slice(0, 2))
      || (word.length <= 3 && [...word].every(ch => PLACE_ABBREVIATIONS.has(ch)))) && !lex.has(word)) { mark(start, at); continue; }
    // A surname standing alone before one or two single characters (`段/玉/明`): a given name.
    if (word.length === 1 && SURNAMES.has(word) && k + 1 < tokens.length && tokens[k + 1].word.length === 1
      && isIdeograph(tokens[k + 1].word.charCodeAt(0)) && tokens[k + 1].tag !== 'uj' && tokens[k + 1].tag !== 'p') {
      const two = k + 2 < tokens.length && tokens[k + 2].word.length === 1 && isIdeograph(tokens[k + 2].word.charCodeAt(0));
      mark(start, at + 1 + (two ? 1 : 0));
    }
  }
  // After a title: the name that follows (a surname and one or two characters), unless it reads as a word.
  TITLE_RE.lastIndex = 0;
  for (let m = TITLE_RE.exec(text); m; m = TITLE_RE.exec(text)) {
    const from = m.index + m[0].length;
    TITLE_RE.lastIndex = from;
    if (!SURNAMES.has(text[from]) && !COMPOUND_SURNAMES.has(text.slice(from, from + 2))) continue;
    let n = 0;
    while (n < 3 && from + n < text.length && isIdeograph(text.charCodeAt(from + n))) n++;
    if (n >= 2 && !lex.has(text.slice(from, from + 2))) mark(from, from + n);
  }
  // One pass over the characters: digits and Latin letters (half- and full-width); Chinese
  // numerals next to a numeral or a digit, or before a measure word (`八省十四个`, `一九九八年`: a
  // number, not a word); quotations and titles of works.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cls = CHAR_CLASS[c];
    if (cls === 0) continue;
    if (cls & DIGIT_OR_LATIN) { mask[i] |= NUMBER; continue; }
    if (cls & NUMERAL) {
      const prev = i > 0 ? CHAR_CLASS[text.charCodeAt(i - 1)] : 0, next = i + 1 < text.length ? CHAR_CLASS[text.charCodeAt(i + 1)] : 0;
      if ((prev | next) & (NUMERAL | DIGIT) || next & MEASURE) mask[i] |= NUMBER;
    }
    if (cls & OPENER) {
      const j = text.indexOf(OPENERS[text[i]], i + 1);
      if (j < 0 || j - i > MAX_QUOTE) continue;
      mark(i + 1, j, QUOTATION);
      i = j;
    }
  }
  // Named entities from the statistical recogniser plug in here (entities/recognizer.ts):
  //   for (const n of recognizeNames(text)) mark(n.start, n.end);
  return mask;
}

/**
 * Whether the statistical name recogniser (entities/recognizer.ts) puts character `index` of the
 * run's text inside a person's name. Persons only: a given name is any characters at all, so no
 * language model can judge one (馨馨, 萧乾), while a place or an organisation is made of words and
 * an OCR error inside it (中共修武武中心县委) is as much an error as anywhere. Asked only where a
 * rule is about to report a change: recognising a paragraph costs ~15 µs a character, which every
 * paragraph of every analysis would pay, while a character rule reports on a handful of
 * paragraphs a page. Memoised per paragraph text like the mask.
 */
export function inRecognizedPerson(ctx: Pick<RuleContext, 'memo'>, run: TextRun, index: number): boolean {
  const names = ctx.memo('recognized-names', run, () => recognizeNames(run.text));
  return names.some(n => n.type === 'person' && index >= n.start && index < n.end);
}
