// Degraded analysis for text far larger than a newspaper page (a whole archive pasted into one
// file, a binary opened as text, a 1 MB line with no break). The full analysis is linear but costs
// a few µs per character, all of it at once when such a text is opened or pasted, and is
// superlinear within a run (the language-model rules on one enormous line); instead such text
// gets a flat page model — every non-blank line its own body block and run, no breaks, no
// articles — checked by the cheap character-level rules only, and a notice saying so. Pure, like
// every layer below the front ends.
import type { Block, Page, TextRun } from '../page/model';
import { splitLines } from '../core/text';
import type { RuleId, Text } from '../core/types';

/**
 * Above this many UTF-16 units a text is analysed degraded. Editors work on pages of 20–40k
 * characters (the five seeds together are 24k). A keystroke no longer bounds the size: the editor
 * analyses a large page in pieces (pieced.ts) and re-analyses only the piece an edit falls in, so
 * a keystroke on a 376k-character, 1 MB page costs ~10 ms of analysis; the rest of its latency is
 * sending its ~15k diagnostics to the editor, which the degraded analysis's ~12k cost as much.
 * What bounds it is the first analysis, when the page is opened or pasted, all at once: measured
 * on 2 cores, 3 µs/char and 0.1 kB of heap per character (376k characters of distinct text:
 * 1.1 s, +40 MB; entities another 0.5 s, after the diagnostics). At 500k that is 1.5–2 s;
 * beyond, text is an archive rather than a page.
 */
export const MAX_FULL_CHARS = 500_000;

/**
 * A line longer than this is not an OCR line (the longest on the seed pages is 1,084 characters,
 * a whole paragraph); the per-run analyses are superlinear in run length, so one such line alone
 * can cost more than a whole page.
 */
export const MAX_FULL_LINE = 10_000;

/** Rules linear in the text and independent of the page structure: run on degraded pages. */
export const CHEAP_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['cjk-space', 'halfwidth-punct', 'unbalanced-quote']);

export function needsDegrading(text: string): boolean {
  if (text.length > MAX_FULL_CHARS) return true;
  // Asked on every keystroke of a large page: stretches between line feeds are found by indexOf
  // (native), and only one longer than a line may be is looked at character by character (it
  // may hold `\r` line breaks).
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > MAX_FULL_LINE && hasLongLine(text, start, end)) return true;
    start = end + 1;
  }
  return false;
}

function hasLongLine(text: string, from: number, to: number): boolean {
  let lineStart = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) lineStart = i + 1;
    else if (i - lineStart >= MAX_FULL_LINE) return true;
  }
  return false;
}

export function degradedNotice(text: string): Text {
  const kb = Math.round(text.length / 1000);
  return {
    zh: `文本过大（约 ${kb}k 字符）或含超长行，已降级：只做标点与空格检查，不分析版面结构、人名地名和错别字。`,
    en: `Text too large (about ${kb}k characters) or has very long lines: only punctuation and spacing are checked; layout, entities and character errors are not analysed.`,
  };
}

/** The page model of a degraded analysis: lines as they are, each non-blank line one body block. */
export function flatPage(text: string): Page {
  const { lines, eol } = splitLines(text);
  const blocks: Block[] = [];
  const runs: TextRun[] = [];
  for (const line of lines) {
    if (!line.text.trim()) continue;
    const block: Block = { id: blocks.length, kind: 'body', lines: [line], startLine: line.index, endLine: line.index, text: line.text };
    blocks.push(block);
    runs.push({
      kind: 'body', blocks: [block], lines: [line], text: line.text, starts: [0],
      positionAt: i => ({ line: line.index, character: Math.min(Math.max(i, 0), line.text.length) }),
    });
  }
  return { text, eol, lines, blocks, breaks: [], runs, articles: [] };
}
