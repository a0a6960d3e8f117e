// Character classes for Chinese text: Han characters, CJK punctuation, spaces, and the
// half-width marks that OCR and careless typing put into Chinese prose. Everything works on
// UTF-16 code units (charCodeAt) so rules can scan a run's text linearly without allocating.

/** Han ideographs: CJK Unified (+ Extension A), compatibility ideographs, 〇, and the high
 *  surrogates of the supplementary ideograph planes (Extensions B–H live in U+20000–U+3FFFF). */
export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)
    || c === 0x3007 || (c >= 0xd840 && c <= 0xd8bf);
}

/** Punctuation and symbols that only occur in CJK typesetting: 、。《》「」【】 (U+3001–303F),
 *  full-width forms ，：；！？（） (U+FF01–FF65), curly quotes, ellipsis, em dash, middle dot,
 *  and the circled numbers used to label photos (`图①`). */
export function isCjkPunct(c: number): boolean {
  return (c >= 0x3001 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff65)
    || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019
    || c === 0x2026 || c === 0x2014 || c === 0x00b7 || c === 0x2027
    || (c >= 0x2460 && c <= 0x24ff) || (c >= 0x2776 && c <= 0x2793);
}

/** A character that marks its surroundings as Chinese text: a Han character or CJK punctuation. */
export function marksChinese(c: number): boolean {
  return isHan(c) || isCjkPunct(c);
}

/**
 * A CJK ideograph of the Basic Multilingual Plane (U+3400–4DBF, U+4E00–9FFF, U+F900–FAFF): the
 * characters jieba's dictionary and the language models know. Narrower than `isHan` (no 〇, no
 * astral ideographs), for scans that look a unit up in a dictionary.
 */
export function isIdeograph(u: number): boolean {
  return (u >= 0x4e00 && u <= 0x9fff) || (u >= 0x3400 && u <= 0x4dbf) || (u >= 0xf900 && u <= 0xfaff);
}

/** `isIdeograph` of a one-character string (a string index or a `for…of` code point; undefined past the end). */
export function isIdeographChar(c: string | undefined): boolean {
  return c !== undefined && c.length > 0 && isIdeograph(c.charCodeAt(0));
}

/** How many ideographs (`isIdeograph`) `text` has. */
export function countIdeographs(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isIdeograph(text.charCodeAt(i))) n++;
  return n;
}

/**
 * What a Chinese page is made of, to tell one from an English note or code: ideographs, radicals,
 * CJK punctuation and full-width forms, curly quotes, dashes and ellipses, and the high
 * surrogates of astral ideographs.
 */
export function isChinesePageUnit(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x3000 && c <= 0x303f)
    || (c >= 0xff00 && c <= 0xffef) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x2e80 && c <= 0x2fdf)
    || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x2026 || c === 0x2014
    || (c >= 0xd800 && c <= 0xdbff);
}

/**
 * What `\s` matches in a JavaScript regular expression (WhiteSpace and LineTerminator: tab, line
 * breaks, space, no-break space, the Unicode space separators, BOM), by code: for scans that
 * would otherwise test one-character strings against a pattern.
 */
export function isJsSpace(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Inline whitespace (never a line break): space, tab, no-break space, ideographic space. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x3000 || c === 0x09 || c === 0xa0;
}

export function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export function isAsciiAlnum(c: number): boolean {
  return isAsciiDigit(c) || isAsciiLetter(c);
}

/** Circled and parenthesised numbers (`①`, `⑴`, `❶`): labels, followed by a legitimate space. */
export function isEnclosedNumber(c: number): boolean {
  return (c >= 0x2460 && c <= 0x24ff) || (c >= 0x2776 && c <= 0x2793);
}

/** Full-width forms of the half-width marks `halfwidth-punct` corrects (quotes are paired separately). */
export const FULLWIDTH: Readonly<Record<string, string>> = {
  ',': '，', ':': '：', ';': '；', '(': '（', ')': '）', '?': '？', '!': '！',
};

const COMMA = 0x2c, COLON = 0x3a, SEMICOLON = 0x3b, QUESTION = 0x3f, EXCLAMATION = 0x21;
const LPAREN = 0x28, RPAREN = 0x29, DQUOTE = 0x22, SQUOTE = 0x27;

/** `, : ; ? !`: half-width clause marks, which a following space belongs to in Latin typesetting. */
export function isHalfwidthClauseMark(c: number): boolean {
  return c === COMMA || c === COLON || c === SEMICOLON || c === QUESTION || c === EXCLAMATION;
}

/** ASCII punctuation that sits next to a clause mark without telling its language (`"`, `)`). */
function isAsciiMark(c: number): boolean {
  return c === DQUOTE || c === SQUOTE || c === LPAREN || c === RPAREN || isHalfwidthClauseMark(c) || c === 0x2e;
}

/**
 * The language evidence next to index `i`, looking in direction `step` (-1 or +1) past spaces and
 * other ASCII marks (`好!"`, `"五星",`): 'cjk' for a Han character or CJK punctuation, 'latin'
 * for an ASCII letter or digit, 'none' at the text's edge or anything else.
 */
export function neighbourScript(text: string, i: number, step: -1 | 1): 'cjk' | 'latin' | 'none' {
  for (let j = i + step; j >= 0 && j < text.length; j += step) {
    const c = text.charCodeAt(j);
    if (isSpace(c) || isAsciiMark(c)) continue;
    if (marksChinese(c)) return 'cjk';
    if (isAsciiAlnum(c)) return 'latin';
    return 'none';
  }
  return 'none';
}

/**
 * Whether the half-width clause mark at `i` (`,` `:` `;` `?` `!`) stands in Chinese prose and so
 * should be full-width. Not inside numbers and times (`1,334`, `10:30`, `3:1`) or between Latin
 * words and URLs (`Note: x`, `http://`, `?a=1`): there it keeps its ASCII form.
 */
export function isChineseClauseMark(text: string, i: number): boolean {
  const prev = i > 0 ? text.charCodeAt(i - 1) : 0, next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
  // Digit groups, times and ratios: the mark sits directly between two digits.
  if (isAsciiDigit(prev) && isAsciiDigit(next)) return false;
  const before = neighbourScript(text, i, -1), after = neighbourScript(text, i, 1);
  if (before !== 'cjk' && after !== 'cjk') return false;
  // A URL scheme (`http://`) keeps its colon even when Chinese follows the address.
  return !(text.charCodeAt(i) === COLON && next === 0x2f);
}

/** `don't`, `students'`: a straight single quote right after a Latin letter is an apostrophe.
 *  Quotes in Chinese follow Han characters, punctuation or spaces (`上'一穷二白'`). */
export function isApostrophe(text: string, i: number): boolean {
  return isAsciiLetter(text.charCodeAt(i - 1));
}

/** `5'30"`: straight quotes after digits that mark minutes and seconds (primes), not quotations:
 *  `'` between digits, and the `"` that follows such a `5'30`. */
export function isPrime(text: string, i: number): boolean {
  if (!isAsciiDigit(text.charCodeAt(i - 1))) return false;
  if (text.charCodeAt(i) === SQUOTE) return isAsciiDigit(text.charCodeAt(i + 1));
  let j = i - 1;
  while (j >= 0 && isAsciiDigit(text.charCodeAt(j))) j--;
  return text.charCodeAt(j) === SQUOTE && isAsciiDigit(text.charCodeAt(j - 1));
}

/** Index of the first non-space character at or after `i` (text.length if none). */
export function skipSpacesForward(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}
