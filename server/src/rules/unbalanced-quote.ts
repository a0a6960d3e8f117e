// `unbalanced-quote`: a quotation mark or bracket that never closes (or never opened) within its
// logical paragraph. OCR drops marks, and a quote left open misleads every reader after it.
//
// The scan is per TextRun, so a quote opened before a column break or an interleaved caption and
// closed after it is balanced. Marks: “” ‘’ 《》 （） () 【】 「」 『』 〔〕 〈〉 〖〗, and straight
// quotes `"` `'` by parity (a straight quote closes the open quote of its kind, whether straight or
// curly, and opens one otherwise). The unmatched mark is reported; there is no fix, because only
// the reader can tell where the missing partner belongs.
//
// Not reported:
// - the opening quote of a paragraph whose quotation goes on in the next paragraph: Chinese
//   typesetting opens every paragraph of a multi-paragraph quotation with “ and closes only the
//   last (the next paragraph starts with a quote too);
// - enumeration closers `1)`, `a）`, `一）` at a paragraph or clause start;
// - apostrophes (`don't`) and primes (`5'30"`).
import type { TextRun } from '../page/model';
import { isApostrophe, isAsciiAlnum, isCjkPunct, isPrime, isSpace } from '../core/charclass';
import type { Report, Rule } from './rule';

const PAIRS = '“”‘’《》（）()【】「」『』〔〕〈〉〖〗';
const OPENERS = new Map<number, number>();
const CLOSERS = new Map<number, number>();
for (let k = 0; k < PAIRS.length; k += 2) {
  OPENERS.set(PAIRS.charCodeAt(k), PAIRS.charCodeAt(k + 1));
  CLOSERS.set(PAIRS.charCodeAt(k + 1), PAIRS.charCodeAt(k));
}
/** Per UTF-16 code: 1 an opening mark, 2 a closing one (the scan visits every character). */
const MARKS = new Uint8Array(65536);
for (const c of OPENERS.keys()) MARKS[c] = 1;
for (const c of CLOSERS.keys()) MARKS[c] = 2;
const DQ = 0x22, SQ = 0x27, LDQ = 0x201c, RDQ = 0x201d, LSQ = 0x2018, RSQ = 0x2019;

/** An opened mark waiting for its partner. */
interface Open { index: number; code: number }

export const unbalancedQuote: Rule = {
  meta: { id: 'unbalanced-quote', severity: 'warning', description: { zh: '引号或括号不成对', en: 'Unbalanced quote or bracket' } },
  check(ctx) {
    const out: Report[] = [];
    const runs = ctx.page.runs;
    // The next run of the same kind (the next paragraph), found in one backward pass.
    const nextOfKind = new Map<string, TextRun>();
    for (let r = runs.length - 1; r >= 0; r--) {
      const run = runs[r];
      if (run.kind !== 'noise') scanRun(run, nextOfKind.get(run.kind), out);
      nextOfKind.set(run.kind, run);
    }
    return out;
  },
};

/** Whether an opener (code of the mark that opened) is closed by the mark `c`. */
function closes(opener: number, c: number): boolean {
  if (c === DQ) return opener === DQ || opener === LDQ;
  if (c === SQ) return opener === SQ || opener === LSQ;
  if (c === RDQ) return opener === LDQ || opener === DQ;
  if (c === RSQ) return opener === LSQ || opener === SQ;
  return OPENERS.get(opener) === c;
}

function scanRun(run: TextRun, next: TextRun | undefined, out: Report[]): void {
  const text = run.text;
  const stack: Open[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === DQ || c === SQ) {
      if ((c === SQ && isApostrophe(text, i)) || isPrime(text, i)) continue;
      // A straight quote closes the innermost open quote of its kind; otherwise it opens one.
      let k = stack.length - 1;
      while (k >= 0 && !closes(stack[k].code, c)) k--;
      if (k >= 0) closeAt(run, stack, k, out);
      else stack.push({ index: i, code: c });
    } else if (MARKS[c] === 1) {
      stack.push({ index: i, code: c });
    } else if (MARKS[c] === 2) {
      let k = stack.length - 1;
      while (k >= 0 && !closes(stack[k].code, c)) k--;
      if (k >= 0) closeAt(run, stack, k, out);
      else if (!isEnumeration(text, i)) report(run, i, out, false);
    }
  }
  for (const open of stack) {
    if (continuesInNext(run, open, next)) continue;
    report(run, open.index, out, true);
  }
}

/** Closes `stack[k]`; openers above it never found their partner. */
function closeAt(run: TextRun, stack: Open[], k: number, out: Report[]): void {
  for (let j = k + 1; j < stack.length; j++) report(run, stack[j].index, out, true);
  stack.length = k;
}

/** `1)`, `a）`, `一）` at a paragraph or clause start: an enumeration label, not a bracket. */
function isEnumeration(text: string, i: number): boolean {
  const label = text.charCodeAt(i - 1);
  if (!(isAsciiAlnum(label) || '一二三四五六七八九十'.includes(text[i - 1] ?? '\0'))) return false;
  const before = i >= 2 ? text.charCodeAt(i - 2) : -1;
  return before < 0 || isSpace(before) || isCjkPunct(before);
}

/** A multi-paragraph quotation: this paragraph opens with a quote and so does the next. */
function continuesInNext(run: TextRun, open: Open, next: TextRun | undefined): boolean {
  if (open.code !== LDQ && open.code !== DQ) return false;
  if (firstMark(run.text) !== open.index || !next) return false;
  const j = firstMark(next.text);
  return j >= 0 && (next.text.charCodeAt(j) === LDQ || next.text.charCodeAt(j) === DQ);
}

function firstMark(text: string): number {
  let j = 0;
  while (j < text.length && isSpace(text.charCodeAt(j))) j++;
  return j < text.length ? j : -1;
}

function report(run: TextRun, i: number, out: Report[], opener: boolean): void {
  const at = run.positionAt(i);
  const mark = run.text[i];
  const code = run.text.charCodeAt(i);
  const partner = code === DQ || code === SQ ? mark : String.fromCharCode((opener ? OPENERS : CLOSERS).get(code)!);
  out.push({
    range: { start: at, end: { line: at.line, character: at.character + 1 } },
    message: opener
      ? { zh: `“${mark}”在本段中没有对应的“${partner}”`, en: `'${mark}' is never closed in this paragraph` }
      : { zh: `“${mark}”前面没有对应的“${partner}”`, en: `'${mark}' has no matching '${partner}' before it` },
  });
}
