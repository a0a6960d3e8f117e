// Degraded analysis for text far larger than a newspaper page (a whole archive pasted into one
// file, a binary opened as text, a 1 MB line with no break). The full analysis is linear but costs
// a few µs per character, much of it again on every keystroke, and is superlinear within a run
// (the language-model rules on one enormous line); instead such text gets a flat page model —
// every non-blank line its own body block and run, no breaks, no articles — checked by the cheap
// character-level rules only, and a notice saying so. Pure, like the rest of analysis/.
import type { Block, Page, TextRun } from './model';
import { splitLines } from './text';
import type { RuleId, Text } from './types';

/**
 * Above this many UTF-16 units a text is analysed degraded. Editors work on pages of 20–40k
 * characters (the five seeds together are 24k). Measured on 2 cores (the seeds repeated): a
 * fresh full analysis costs 1–3 µs per character and is linear (a 376k-character, 1 MB page:
 * 0.4–0.8 s); what bounds the size is the keystroke. A re-analysis with `previous` rebuilds the
 * page model and re-runs the page-wide rules (≈ 0.25 µs/char: ~95 ms at 376k, of which ~65 ms
 * page model), then entity recognition runs again over the whole page (≈ 0.3 µs/char, ~100 ms
 * at 376k). So a 1 MB page cannot keep a keystroke under 100 ms and stays degraded; at 200k a
 * keystroke's diagnostics take 50–100 ms, its entities as much again. Raise it when the page
 * model and entities become incremental: nothing else depends on the value.
 */
export const MAX_FULL_CHARS = 200_000;

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
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
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
