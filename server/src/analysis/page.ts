// TEMPORARY STUB: replaced by the real page model (being written now).
import type { Block, Page, TextRun } from './model';
import { splitLines } from './text';

export function buildPage(text: string): Page {
  const { lines, eol } = splitLines(text);
  const blocks: Block[] = [];
  let cur: Block | undefined;
  for (const line of lines) {
    if (!line.text.trim()) { cur = undefined; continue; }
    if (!cur) { cur = { id: blocks.length, kind: 'body', lines: [], startLine: line.index, endLine: line.index, text: '' }; blocks.push(cur); }
    cur.lines.push(line); cur.endLine = line.index; cur.text += line.text;
  }
  const runs: TextRun[] = blocks.map(b => makeRun(b.kind, [b]));
  return { text, eol, lines, blocks, breaks: [], runs, articles: [] };
}

export function makeRun(kind: Block['kind'], blocks: Block[]): TextRun {
  const lines = blocks.flatMap(b => b.lines);
  const starts: number[] = [];
  let text = '';
  for (const l of lines) { starts.push(text.length); text += l.text; }
  return {
    kind, blocks, lines, text, starts,
    positionAt(i: number) {
      let lo = 0, hi = starts.length - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= i) lo = mid; else hi = mid - 1; }
      return { line: lines[lo].index, character: i - starts[lo] };
    },
  };
}
