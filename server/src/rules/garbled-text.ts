// `garbled-text`: text that is not text.
//
// Two kinds, found two ways:
//   - Garbled runs that look like Chinese (`河阳华流四联杆苑花芒苑花禾`, OCR reading a photo or a
//     torn strip): a punctuation-free stretch whose best segmentation is almost all single
//     characters of low probability. One finding for the whole stretch; no fix (the text is lost).
//   - Characters no correct page contains, matched by shape: U+FFFD, private-use characters,
//     control characters (fix: delete, safe), placeholder squares `□〓` (and `■` inside a word, not
//     as the bullet newspapers use), the mojibake of GBK/UTF-8 mix-ups (`锟斤拷`, `烫烫烫`, `屯屯屯`)
//     and UTF-8 read as Latin-1/Windows-1252 (`Ã©`, `å¸‚`; fix: decode back when that works).
import { iconvLite } from '../core/iconv';
import { isIdeograph, isIdeographChar } from '../core/charclass';
import { languageModel, runTokens, type RunTokens } from '../language/langmodel';
import type { TextRun } from '../page/model';
import type { Range, Text } from '../core/types';
import type { Report, Rule, RuleContext } from './rule';
import { detectMojibake, type Mojibake } from '../core/mojibake';
import { charModel, symbolsOf } from '../language/ngram';

/**
 * A garbled stretch has at least this many CJK characters: shorter ones are too often a list of
 * names or a terse slogan (`应设尽设应扫尽扫`, `谷旦镇卢村的`), which score as low.
 */
const GARBLED_MIN_CHARS = 10;
/**
 * Share of the stretch covered by multi-character dictionary words below which it is garbled.
 * News prose covers 0.6-0.9; the lowest correct stretches of 10+ characters on the seed pages
 * (names and villages) cover 0.33-0.40, the garbled caption 0.31.
 */
const GARBLED_MAX_COVERAGE = 0.34;
/**
 * Mean log-probability per character (nats, unigram word model) below which it is garbled. News
 * prose scores -5 to -7, name-heavy clauses down to -8.3, the garbled caption -9.4.
 */
const GARBLED_MAX_LOGP = -8.5;

/**
 * jieba's own cut is kinder to garbage than the pure dictionary model (its HMM glues unknown
 * characters into tokens, which are not dictionary words and so do not count); stretches where
 * dictionary words cover more than this are prose and skip the language model.
 */
const PREFILTER_COVERAGE = 0.6;

/**
 * Mean log-probability per character under the character trigram model (language/ngram.ts)
 * below which a stretch is garbled. scripts/calibrate-garbled.ts: on corpus days the model never
 * saw, the lowest of 6,638 stretches of 10+ characters scored -8.33 (the 0.1% quantile -7.44);
 * the same stretches shuffled scored below -8 a third of the time. Word models call rare but
 * orderly text (a botanist's `叶裂缺刻圆钝`) garbled; character order tells them apart.
 */
const GARBLED_MAX_CHAR_LOGP = -8.4;

/**
 * Whether jieba tokens that are multi-character dictionary words cover more than `share` of
 * [start, end) (of its non-blank tokens). Counts the total first, then stops looking words up as
 * soon as the share is exceeded: the covered length only grows, and most stretches are prose.
 */
function wordCoverageExceeds(tokens: RunTokens, start: number, end: number, share: number): boolean {
  const { starts } = tokens, n = tokens.tokens.length;
  let lo = 0, hi = n;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (starts[mid + 1] <= start) lo = mid + 1; else hi = mid; }
  let total = 0;
  for (let k = lo; k < n && starts[k] < end; k++) {
    const word = tokens.tokens[k].word;
    // `trim()` only for the rare token that does not start with a CJK character.
    if (isIdeograph(word.charCodeAt(0)) || word.trim()) total += Math.min(end, starts[k + 1]) - Math.max(start, starts[k]);
  }
  if (!total) return false;
  let covered = 0;
  for (let k = lo; k < n && starts[k] < end; k++) {
    if (!tokens.isWord(k)) continue;
    covered += Math.min(end, starts[k + 1]) - Math.max(start, starts[k]);
    if (covered / total > share) return true;
  }
  return false;
}

/** Whether UTF-16 unit `c` is a space OCR leaves inside a CJK stretch (at a line end). */
const isStretchSpace = (c: number) => c === 0x20 || c === 0x3000;

interface Pattern {
  name: string;
  re: RegExp;
  message: { zh: string; en: string };
  fix?(match: string): { title: Text; safe: boolean; newText: string } | undefined;
}

const W1252 = '\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201A\u201C-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122';

/** UTF-8 bytes shown as Latin-1/Windows-1252: a lead byte (Â-ô) followed by continuation bytes. */
function decodeMojibake(text: string): string | undefined {
  const bytes = iconvLite().encode(text, 'win1252');
  const decoded = bytes.toString('utf8');
  if (decoded.includes('\uFFFD') || decoded === text) return undefined;
  return decoded;
}

const PATTERNS: Pattern[] = [
  {
    name: 'control',
    re: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\u2060\uFEFF]+/g,
    message: { zh: '控制字符或不可见字符', en: 'Control or invisible character' },
    fix: () => ({ title: { zh: '删除不可见字符', en: 'Delete the invisible character' }, safe: true, newText: '' }),
  },
  {
    name: 'replacement',
    re: /\uFFFD+/g,
    message: { zh: '乱码：无法解码的字符（�）', en: 'Garbled: undecodable character (U+FFFD)' },
  },
  {
    name: 'private-use',
    re: /[\uE000-\uF8FF]+/g,
    message: { zh: '乱码：私用区字符（缺字）', en: 'Garbled: private-use character (missing glyph)' },
  },
  {
    name: 'placeholder',
    re: /[□〓]+|(?<=[\u4e00-\u9fff])■+(?=[\u4e00-\u9fff])/g,
    message: { zh: '缺字占位符', en: 'Placeholder for a missing character' },
  },
  {
    name: 'gbk-mojibake',
    re: /(?:锟斤拷)+|烫{3,}|屯{3,}/g,
    message: { zh: '乱码（编码错误）', en: 'Mojibake (wrong encoding)' },
  },
  {
    name: 'latin1-mojibake',
    re: new RegExp(`(?:[\\u00C2-\\u00F4][\\u0080-\\u00BF${W1252}]+)+`, 'g'),
    message: { zh: '乱码：UTF-8 被当作 Latin-1 读取', en: 'Mojibake: UTF-8 read as Latin-1' },
    fix: m => {
      const decoded = decodeMojibake(m);
      return decoded ? { title: { zh: `还原为“${decoded}”`, en: `Decode as “${decoded}”` }, safe: true, newText: decoded } : undefined;
    },
  },
];

/**
 * A character every pattern above needs (a control or invisible character, U+FFFD, private use,
 * a placeholder, the first character of a GBK mojibake, a Latin-1 lead byte): lines without one
 * (nearly all) skip the patterns.
 */
const PATTERN_CODES = new Uint8Array(65536);
for (const [from, to] of [
  [0x00, 0x08], [0x0b, 0x0c], [0x0e, 0x1f], [0x7f, 0x9f], [0x200b, 0x200f], [0x2028, 0x2029], [0x2060, 0x2060],
  [0xfeff, 0xfeff], [0xfffd, 0xfffd], [0xe000, 0xf8ff], [0xc2, 0xf4],
]) PATTERN_CODES.fill(1, from, to + 1);
for (const ch of '□〓■锟烫屯') PATTERN_CODES[ch.charCodeAt(0)] = 1;

/** Whether `text` has a character of PATTERN_CODES (a table read per character, no regular expression). */
function hasPatternChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (PATTERN_CODES[text.charCodeAt(i)]) return true;
  return false;
}

/**
 * Stretches of a run's text that do not read as Chinese: index and length in the run, characters
 * without spaces. A stretch is punctuation-free CJK text, spaces from OCR line ends allowed
 * inside (not at its ends): a maximal match of `[CJK](?:[ \u3000]*[CJK])*`, scanned by hand.
 */
function garbledStretches(run: TextRun, ctx: RuleContext): { index: number; length: number; chars: string }[] {
  const out: { index: number; length: number; chars: string }[] = [];
  const lm = languageModel();
  const text = run.text;
  let tokens: RunTokens | undefined;
  for (let i = 0; i < text.length;) {
    if (!isIdeograph(text.charCodeAt(i))) { i++; continue; }
    const index = i;
    let end = i + 1, count = 1;
    for (;;) {
      let j = end;
      while (j < text.length && isStretchSpace(text.charCodeAt(j))) j++;
      if (j >= text.length || !isIdeograph(text.charCodeAt(j))) break;
      end = j + 1;
      count++;
    }
    i = end;
    if (count < GARBLED_MIN_CHARS) continue;
    // Cheap test on jieba's tokens (already cut for other rules) before scoring: prose has
    // most of its characters in dictionary words; the language model only sees the rest.
    tokens ??= runTokens(ctx, run);
    if (wordCoverageExceeds(tokens, index, end, PREFILTER_COVERAGE)) continue;
    const chars = text.slice(index, end).replace(/[ \u3000]/g, '');
    const seg = lm.segment(chars);
    let inWords = 0;
    for (const s of seg.segments) if (s.word.length > 1 && s.known) inWords += s.word.length;
    if (inWords / chars.length > GARBLED_MAX_COVERAGE || seg.logp / chars.length > GARBLED_MAX_LOGP) continue;
    if ([...chars].some(c => !isIdeographChar(c))) continue;
    const model = charModel();
    if (model) {
      const syms = symbolsOf(chars);
      if (model.score(syms, 0, syms.length) / syms.length > GARBLED_MAX_CHAR_LOGP) continue;
    }
    out.push({ index, length: end - index, chars });
  }
  return out;
}

export const garbledText: Rule = {
  meta: { id: 'garbled-text', severity: 'error', description: { zh: '乱码', en: 'Garbled text' } },
  check(ctx) {
    // A whole page in the wrong encoding is one problem with one remedy, not thousands of U+FFFD.
    const encoding = detectMojibake(ctx.page.text);
    if (encoding) return [wrongEncodingReport(ctx, encoding)];
    const reports: Report[] = [];
    for (const line of ctx.page.lines) {
      if (!hasPatternChar(line.text)) continue;
      for (const p of PATTERNS) {
        for (const m of line.text.matchAll(p.re)) {
          if (p.name === 'control' && m.index === 0 && line.index === 0 && m[0] === '\uFEFF') continue; // a BOM
          const range: Range = { start: { line: line.index, character: m.index }, end: { line: line.index, character: m.index + m[0].length } };
          const fix = p.fix?.(m[0]);
          reports.push({
            range,
            message: p.message,
            fixes: fix ? [{ title: fix.title, safe: fix.safe, preferred: true, edits: [{ range, newText: fix.newText }] }] : [],
          });
        }
      }
    }

    for (const run of ctx.page.runs) {
      if (run.kind === 'byline' || run.kind === 'header') continue;
      // A function of the run's text alone: reused across keystrokes in other paragraphs.
      for (const { index, length, chars } of ctx.memo('garbled-text', run, () => garbledStretches(run, ctx))) {
        const start = run.positionAt(index);
        const last = run.positionAt(index + length - 1);
        reports.push({
          range: { start, end: { line: last.line, character: last.character + 1 } },
          message: { zh: `疑似乱码：“${chars}”无法读通`, en: `Garbled text: “${chars}” does not read as Chinese` },
          fixes: [],
        });
      }
    }
    return reports;
  },
};

const WRONG_ENCODING: Record<Mojibake, Text> = {
  'gbk-as-utf8': {
    zh: '整页乱码：这是 GB18030/GBK 编码的文件，被当作 UTF-8 打开。请用“通过编码重新打开”（Reopen with Encoding）选择 GB18030（简体中文），不要在此编码下保存。',
    en: 'The whole page is garbled: this is a GB18030/GBK file opened as UTF-8. Use "Reopen with Encoding" and choose GB18030 (Simplified Chinese); do not save it as it is.',
  },
  'gbk-as-latin1': {
    zh: '整页乱码：这是 GB18030/GBK 编码的文件，被当作西文编码（Latin-1）打开。请用“通过编码重新打开”（Reopen with Encoding）选择 GB18030（简体中文）。',
    en: 'The whole page is garbled: this is a GB18030/GBK file opened as Latin-1. Use "Reopen with Encoding" and choose GB18030 (Simplified Chinese).',
  },
};

/** The one finding for a page in the wrong encoding, on its first line with non-ASCII text. */
function wrongEncodingReport(ctx: RuleContext, kind: Mojibake): Report {
  const line = ctx.page.lines.find(l => /[^\u0000-\u007f]/.test(l.text)) ?? ctx.page.lines[0];
  return { range: { start: { line: line.index, character: 0 }, end: { line: line.index, character: line.text.length } }, message: WRONG_ENCODING[kind], fixes: [] };
}
