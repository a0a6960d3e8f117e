// Shared by the three break rules (`line-wrap`, `split-paragraph`, `interleaved-block`):
// the range convention and the edit that joins two halves of a sentence.
import type { Break, Line, Page, TextRun } from '../page/model';
import type { Range, TextEdit } from '../core/types';
import { range } from '../core/text';

function lastNonSpace(text: string): number {
  let i = text.length;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** From the last character of the line that ends too early to where the text resumes. */
export function breakRange(page: Page, br: Break): Range {
  const from = page.lines[br.fromLine], to = page.lines[br.toLine];
  return range(br.fromLine, Math.max(0, lastNonSpace(from.text) - 1), br.toLine, firstNonSpace(to.text));
}

/** Removes the line break (and blank lines, trailing and leading spaces) between two halves. */
export function joinEdit(from: Line, to: Line): TextEdit {
  const end = lastNonSpace(from.text), start = firstNonSpace(to.text);
  const a = from.text[end - 1] ?? '', b = to.text[start] ?? '';
  // Latin words keep a space between them; Chinese text and numbers join directly.
  const sep = /[A-Za-z]/.test(a) && /[A-Za-z]/.test(b) ? ' ' : '';
  return { range: range(from.index, end, to.index, start), newText: sep };
}

/** The logical paragraph (body run) holding each line: built once per page, not per break. */
const runOfLine = new WeakMap<Page, Map<number, TextRun>>();
export function bodyRunAt(page: Page, line: number): TextRun | undefined {
  let map = runOfLine.get(page);
  if (!map) {
    map = new Map();
    for (const r of page.runs) if (r.kind === 'body') for (const l of r.lines) map.set(l.index, r);
    runOfLine.set(page, map);
  }
  return map.get(line);
}

/** Joins of every wrap in each logical paragraph, keyed by the paragraph. */
export function paragraphJoins(page: Page): Map<TextRun, TextEdit[]> {
  const joins = new Map<TextRun, TextEdit[]>();
  for (const b of page.breaks) {
    if (b.kind !== 'wrap') continue;
    const run = bodyRunAt(page, b.fromLine);
    if (!run) continue;
    let list = joins.get(run);
    if (!list) joins.set(run, (list = []));
    list.push(joinEdit(page.lines[b.fromLine], page.lines[b.toLine]));
  }
  return joins;
}
