// `cjk-space`: spurious space in Chinese text.
//
// Chinese prose has no spaces between words, nor between Han characters and digits or Latin
// (`5月 16日`, `今年 2月`, `并立下 2022 年`). OCR adds them where it merges column lines into one
// paragraph (`是个 黄河滩区小村`, `该村虽小,在 创建`) and where it mis-measures kerning. One finding
// per space character; the fix deletes it (safe for fix-all: whitespace only).
//
// Spaces that are typography, not damage, stay unflagged:
// - in runs that are not prose: headlines (`巩义市：消除防汛隐患 确保安全度汛`, `强举措 优服务 抓落实`),
//   sections, bylines (`本报记者 李英俊 史文生`), page headers, noise. Besides the run kind, a run
//   without any clause or sentence punctuation is taken as such a line (titles and name lists
//   use at most a colon, quotes and spaces);
// - the dateline's own spacing (`本报讯 5月`, `本报讯 (记者段美如 通讯员段玉明) 2022年`);
// - a photo credit after a caption (`许不浪(左)与村民交谈。 本报记者 宁江东 摄`);
// - after a label number (`图① 开通…`);
// - a parallel slogan quoted in the text (`“华东党旗红 干事当先锋”`, `“人才相约 为爱聚焦”`): parts
//   of equal length, three characters or more, where OCR splits a quoted term unevenly;
// - at a line's start or end (indentation and trailing blanks are layout, not text);
// - between Latin words or digits (`COVID 19`): only spaces that touch Chinese count;
// - after a half-width clause mark in Chinese (`发展, 是`): `halfwidth-punct` replaces the mark
//   and the space together.
import type { Line, TextRun } from '../page/model';
import type { Text } from '../core/types';
import {
  isChineseClauseMark, marksChinese, isEnclosedNumber, isHalfwidthClauseMark, isHan, isSpace, isAsciiDigit,
} from '../core/charclass';
import type { Report, Rule } from './rule';

export const cjkSpace: Rule = {
  meta: { id: 'cjk-space', severity: 'info', description: { zh: '中文正文中多余的空格', en: 'Spurious space in Chinese text' } },
  check(ctx) {
    const out: Report[] = [];
    for (const run of ctx.page.runs) {
      if (run.kind !== 'body' && run.kind !== 'caption') continue;
      scanRun(run, ctx.page.lines, out);
    }
    return out;
  },
};

const MESSAGE: Text = { zh: '中文正文中多余的空格', en: 'Spurious space in Chinese text' };
const TITLE: Text = { zh: '删除空格', en: 'Remove the space' };

function scanRun(run: TextRun, lines: readonly Line[], out: Report[]): void {
  const text = run.text;
  const n = text.length;
  let prose: boolean | undefined;
  let dateline: number | undefined;
  for (let i = 0; i < n; i++) {
    if (!isSpace(text.charCodeAt(i))) continue;
    const s = i;
    const at = run.positionAt(s);
    const lineText = lines[at.line].text;
    // The stretch of spaces, clamped to its physical line.
    let e = s;
    const lineEnd = s - at.character + lineText.length;
    while (e < lineEnd && isSpace(text.charCodeAt(e))) e++;
    i = e - 1;
    // A BOM is not text: the indentation after it is still the line's start (else a page saved
    // with a BOM loses its first indent to fix-all, and the same page without one keeps it).
    const lineStart = at.character === 0 || (at.character === 1 && lineText.charCodeAt(0) === 0xfeff);
    if (lineStart || e === lineEnd) continue;
    const prev = text.charCodeAt(s - 1), next = text.charCodeAt(e);
    if (!marksChinese(prev) && !marksChinese(next)) continue;
    prose ??= hasClausePunct(text);
    if (!prose) continue;
    if (isHalfwidthClauseMark(prev) && isChineseClauseMark(text, s - 1)) continue;
    if (isEnclosedNumber(prev) || isFigureLabel(text, s)) continue;
    dateline ??= datelineEnd(run);
    if (s <= dateline) continue;
    if (isCreditTail(text, s, e, lineEnd) || isQuotedSlogan(text, s)) continue;
    for (let k = s; k < e; k++) {
      const start = { line: at.line, character: at.character + k - s };
      const range = { start, end: { line: at.line, character: start.character + 1 } };
      out.push({ range, message: MESSAGE, fixes: [{ title: TITLE, safe: true, edits: [{ range, newText: '' }], preferred: true }] });
    }
  }
}

/** Clause or sentence punctuation, full- or half-width: the mark of running text. */
function hasClausePunct(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ，。、；！？ , ; ! ?
    if (c === 0xff0c || c === 0x3002 || c === 0x3001 || c === 0xff1b || c === 0xff01 || c === 0xff1f
      || c === 0x2c || c === 0x3b || c === 0x21 || c === 0x3f) return true;
  }
  return false;
}

/**
 * Run index just past the dateline (`本报讯`, `本报讯 (记者 X)`), -1 when the run has none. The page
 * model marks datelines on body blocks; a bare `本报讯` is recognised here too.
 */
function datelineEnd(run: TextRun): number {
  for (const b of run.blocks) {
    if (!b.dateline) continue;
    const k = run.lines.indexOf(b.lines[0]);
    if (k >= 0) return run.starts[k] + b.dateline.end;
  }
  const t = run.text;
  if (t.startsWith('本报讯') || t.startsWith('本刊讯')) {
    let j = 3;
    while (j < t.length && isSpace(t.charCodeAt(j))) j++;
    const c = t.charCodeAt(j);
    if (c === 0x28 || c === 0xff08) {
      const close = t.slice(j, j + 42).search(/[)）]/);
      if (close > 0) return j + close + 1;
    }
    return 3;
  }
  return -1;
}

/** `图1 `, `图① `: a photo's label number. */
function isFigureLabel(text: string, s: number): boolean {
  let j = s - 1;
  while (j >= 0 && isAsciiDigit(text.charCodeAt(j))) j--;
  return j < s - 1 && j >= 0 && text[j] === '图';
}

const CREDIT_WORDS = ['记者', '通讯员', '实习生', '摄影', '供图', '文/图', '图/文'];

/**
 * A photo credit after its caption (`…与村民交谈。 本报记者 宁江东 摄`): the stretch from the
 * last sentence end to the line end has no clause punctuation, is short, and names a role or
 * ends with `摄`. The space before the credit and the spaces inside it are both typography.
 */
function isCreditTail(text: string, s: number, e: number, lineEnd: number): boolean {
  let from = s;
  while (from > 0 && !isSentenceEnd(text.charCodeAt(from - 1))) from--;
  // A credit this long is prose; 30 characters hold a role, a medium and several names.
  if (lineEnd - from > 30) return false;
  for (let j = e; j < lineEnd; j++) if (isSentenceEnd(text.charCodeAt(j)) || isClauseMark(text.charCodeAt(j))) return false;
  const tail = text.slice(from, lineEnd).trimEnd();
  return tail.endsWith('摄') || CREDIT_WORDS.some(w => tail.includes(w));
}

/** ，、；： and their half-width forms: a credit has none. */
function isClauseMark(c: number): boolean {
  return c === 0xff0c || c === 0x3001 || c === 0xff1b || c === 0xff1a || c === 0x2c || c === 0x3b || c === 0x3a;
}

function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f;
}

const OPEN_QUOTES = '“"「『‘\'';
const CLOSE_QUOTES = '”"」』’\'';

/**
 * `“华东党旗红 干事当先锋”`, `“人才相约 为爱聚焦”`: a quoted phrase of equally long parts of three
 * or more Han characters, separated by single spaces, is a parallel slogan (对仗). OCR splits
 * inside a quoted term cut it unevenly (`"紧急动 员令"`, `"三年任 务一年干"`, `"军 令状"`), so
 * those are still flagged.
 */
function isQuotedSlogan(text: string, s: number): boolean {
  let a = s - 1;
  while (a >= 0 && (isHan(text.charCodeAt(a)) || text.charCodeAt(a) === 0x20)) a--;
  let b = s + 1;
  while (b < text.length && (isHan(text.charCodeAt(b)) || text.charCodeAt(b) === 0x20)) b++;
  if (a < 0 || b >= text.length || !OPEN_QUOTES.includes(text[a]) || !CLOSE_QUOTES.includes(text[b])) return false;
  let part = 0, size = -1;
  for (let j = a + 1; j <= b; j++) {
    if (j < b && text.charCodeAt(j) !== 0x20) { part++; continue; }
    if (part < 3 || (size >= 0 && part !== size)) return false;
    size = part;
    part = 0;
  }
  return true;
}
