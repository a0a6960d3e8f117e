// `halfwidth-punct`: half-width punctuation in Chinese text.
//
// Chinese typesetting uses full-width marks: `，：；？！（）` and curly quotes `“”‘’`. OCR and
// copy-typing put ASCII marks in their place (`该村虽小,在创建"五星"支部`). One finding per mark,
// its fix writes the full-width form (safe for fix-all: punctuation only).
//
// Cases:
// - clause marks `, : ; ? !` are Chinese when the nearest letter on either side (past spaces and
//   other ASCII marks) is Han or CJK punctuation; never between two digits (`1,334`, `10:30`,
//   `3:1`), never between Latin words, never a URL's `://`. A space after the mark is Latin
//   spacing (`发展, 是`): the fix removes it with the mark, so `cjk-space` leaves it alone.
// - brackets `( )` pair with each other (also with a full-width partner); a pair is Chinese when
//   it encloses Han text or touches it outside (`(左)`, `(GDP)` inside a Chinese sentence).
// - straight quotes `"` `'` are paired in order of appearance across the logical paragraph (a
//   TextRun, so a quote that OCR split across a column break still pairs): open “, close ”,
//   open, close… Curly quotes take part in the pairing, so `“五星"` closes with ”. An apostrophe
//   after a Latin letter (`don't`) and a prime after a digit (`5'30"`) are not quotes.
import type { Line, TextRun } from '../page/model';
import type { Range, Text } from '../core/types';
import {
  FULLWIDTH, isApostrophe, marksChinese, isPrime, isChineseClauseMark, isHalfwidthClauseMark, isSpace, neighbourScript,
} from '../core/charclass';
import type { Report, Rule } from './rule';

const DQ = 0x22, SQ = 0x27, LP = 0x28, RP = 0x29;
const LDQ = 0x201c, RDQ = 0x201d, LSQ = 0x2018, RSQ = 0x2019, FLP = 0xff08, FRP = 0xff09;

export const halfwidthPunct: Rule = {
  meta: { id: 'halfwidth-punct', severity: 'info', description: { zh: '中文中的半角标点', en: 'Half-width punctuation in Chinese text' } },
  check(ctx) {
    const out: Report[] = [];
    for (const run of ctx.page.runs) {
      if (run.kind === 'noise') continue;
      scanRun(run, ctx.page.lines, out);
    }
    return out;
  },
};

/** State of one kind of quote (double or single) while scanning a run. */
interface QuoteState {
  /** Index of the quote that opened and is not closed yet, -1 when none. */
  open: number;
  /** Whether that opener is a straight quote (and so still needs its own fix). */
  straight: boolean;
}

function scanRun(run: TextRun, lines: readonly Line[], out: Report[]): void {
  const text = run.text;
  const n = text.length;
  // Index of the last Han/CJK character seen: "a pair encloses Chinese" is then `lastCjk > open`.
  let lastCjk = -1;
  const dq: QuoteState = { open: -1, straight: false };
  const sq: QuoteState = { open: -1, straight: false };
  /** Indices of unclosed brackets, half-width or full-width. */
  const brackets: number[] = [];

  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c === DQ || c === SQ) && isPrime(text, i)) {
      continue;
    } else if (c === DQ || c === LDQ || c === RDQ) {
      quote(run, lines, out, dq, i, c === DQ ? 0 : c === LDQ ? 1 : -1, lastCjk, '“', '”');
    } else if (c === SQ || c === LSQ || c === RSQ) {
      // `don't`, `'90s`: an apostrophe attached to Latin letters is not a quotation mark.
      if (c === SQ && isApostrophe(text, i)) continue;
      quote(run, lines, out, sq, i, c === SQ ? 0 : c === LSQ ? 1 : -1, lastCjk, '‘', '’');
    } else if (c === LP || c === FLP) {
      brackets.push(i);
    } else if (c === RP || c === FRP) {
      const open = brackets.length ? brackets.pop()! : -1;
      const chinese = (open >= 0 && lastCjk > open)
        || neighbourScript(text, i, 1) === 'cjk'
        || (open >= 0 ? neighbourScript(text, open, -1) === 'cjk' : neighbourScript(text, i, -1) === 'cjk');
      if (chinese) {
        if (open >= 0 && text.charCodeAt(open) === LP) report(run, lines, out, open, '(', FULLWIDTH['('], false);
        if (c === RP) report(run, lines, out, i, ')', FULLWIDTH[')'], false);
      }
    } else if (isHalfwidthClauseMark(c)) {
      if (isChineseClauseMark(text, i)) report(run, lines, out, i, text[i], FULLWIDTH[text[i]], true);
    } else if (marksChinese(c)) {
      lastCjk = i;
    }
  }

  // Brackets never closed: full-width when Chinese touches them.
  for (const open of brackets) {
    if (text.charCodeAt(open) === LP && (neighbourScript(text, open, 1) === 'cjk' || neighbourScript(text, open, -1) === 'cjk')) {
      report(run, lines, out, open, '(', FULLWIDTH['('], false);
    }
  }
  // A straight quote left open at the paragraph's end: its surroundings say which way it faces.
  for (const [st, left, right] of [[dq, '“', '”'], [sq, '‘', '’']] as const) {
    if (st.open < 0 || !st.straight) continue;
    const after = neighbourScript(text, st.open, 1), before = neighbourScript(text, st.open, -1);
    if (after !== 'cjk' && before !== 'cjk') continue;
    report(run, lines, out, st.open, text[st.open], after === 'cjk' ? left : right, false);
  }
}

/**
 * One quotation mark of a kind: `dir` 1 for a curly opener, -1 for a curly closer, 0 for a
 * straight quote, which closes when a quote of its kind is open and opens otherwise.
 */
function quote(
  run: TextRun, lines: readonly Line[], out: Report[], st: QuoteState, i: number, dir: 0 | 1 | -1,
  lastCjk: number, left: string, right: string,
): void {
  const text = run.text;
  if (dir === 1 || (dir === 0 && st.open < 0)) {
    // An earlier straight opener never closed (or a curly opener follows it): decide it on its own.
    if (st.open >= 0 && st.straight && (neighbourScript(text, st.open, 1) === 'cjk' || neighbourScript(text, st.open, -1) === 'cjk')) {
      report(run, lines, out, st.open, text[st.open], left, false);
    }
    st.open = i;
    st.straight = dir === 0;
    return;
  }
  if (dir === -1) {
    if (st.open >= 0 && st.straight) report(run, lines, out, st.open, text[st.open], left, false);
    st.open = -1;
    return;
  }
  // A straight quote closing the open one. The pair is Chinese when it encloses Chinese text or
  // Chinese touches it outside.
  const open = st.open;
  const chinese = lastCjk > open || neighbourScript(text, open, -1) === 'cjk' || neighbourScript(text, i, 1) === 'cjk';
  if (chinese) {
    if (st.straight) report(run, lines, out, open, text[open], left, false);
    report(run, lines, out, i, text[i], right, false);
  }
  st.open = -1;
}

/**
 * Reports the half-width mark at run index `i`. With `absorbSpace`, spaces after a clause mark
 * (Latin spacing, `发展, 是`) are removed by the same edit, unless they end the line.
 */
function report(run: TextRun, lines: readonly Line[], out: Report[], i: number, mark: string, full: string, absorbSpace: boolean): void {
  const at = run.positionAt(i);
  const range: Range = { start: at, end: { line: at.line, character: at.character + 1 } };
  let editEnd = at.character + 1;
  if (absorbSpace) {
    const line = lines[at.line].text;
    let j = editEnd;
    while (j < line.length && isSpace(line.charCodeAt(j))) j++;
    if (j < line.length) editEnd = j;
  }
  const edit = { range: { start: at, end: { line: at.line, character: editEnd } }, newText: full };
  const text = texts(mark, full);
  out.push({ range, message: text.message, fixes: [{ title: text.title, safe: true, edits: [edit], preferred: true }] });
}

/** Marks named in words: a message that wraps `"` in more quotes reads as a row of near-identical marks. */
const NAMES: Readonly<Record<string, Text>> = {
  ',': { zh: '逗号', en: 'comma' },
  ':': { zh: '冒号', en: 'colon' },
  ';': { zh: '分号', en: 'semicolon' },
  '?': { zh: '问号', en: 'question mark' },
  '!': { zh: '叹号', en: 'exclamation mark' },
  '(': { zh: '左括号', en: 'opening parenthesis' },
  ')': { zh: '右括号', en: 'closing parenthesis' },
  '“': { zh: '左引号', en: 'opening quote' },
  '”': { zh: '右引号', en: 'closing quote' },
  '‘': { zh: '左单引号', en: 'opening single quote' },
  '’': { zh: '右单引号', en: 'closing single quote' },
};

/** Messages and fix titles, built once per mark: a page can hold thousands of half-width commas. */
const TEXTS = new Map<string, { message: Text; title: Text }>();
function texts(mark: string, full: string): { message: Text; title: Text } {
  let t = TEXTS.get(mark + full);
  if (!t) {
    const quote = mark === '"' || mark === "'";
    // A quote is named by the curly mark it becomes (left or right), a clause mark by itself.
    const name = NAMES[quote ? full : mark] ?? { zh: '标点', en: 'mark' };
    t = {
      // `直引号 " 应为左引号 “`, `半角逗号 , 应为全角逗号 ，`: the marks stand alone between spaces.
      message: quote
        ? { zh: `直${mark === "'" ? '单' : ''}引号 ${mark} 应为${name.zh} ${full}`, en: `Straight ${mark === "'" ? 'single ' : ''}quote ${mark} in Chinese text: use the ${name.en} ${full}` }
        : { zh: `半角${name.zh} ${mark} 应为全角${name.zh} ${full}`, en: `Half-width ${name.en} ${mark} in Chinese text: use the full-width ${full}` },
      title: { zh: `改为${name.zh} ${full}`, en: `Replace with the ${quote ? name.en : `full-width ${name.en}`} ${full}` },
    };
    TEXTS.set(mark + full, t);
  }
  return t;
}
