// Shared by the three break rules (`line-wrap`, `split-paragraph`, `interleaved-block`):
// the range convention and the edit that joins two halves of a sentence.
import type { Break, Line, Page } from '../analysis/model';
import type { Range, TextEdit } from '../analysis/types';
import { range } from '../analysis/text';

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

/** Joins of every wrap inside the logical paragraph holding `line`. */
export function paragraphJoins(page: Page, line: number): TextEdit[] {
  const run = page.runs.find(r => r.kind === 'body' && r.lines.some(l => l.index === line));
  if (!run) return [];
  const inRun = new Set(run.lines.map(l => l.index));
  return page.breaks
    .filter(b => b.kind === 'wrap' && inRun.has(b.fromLine))
    .map(b => joinEdit(page.lines[b.fromLine], page.lines[b.toLine]));
}
