// Fix-all: every safe fix, applied until the page stops changing, returned as a few line-level
// edits against the original text (so an editor keeps cursors and undo history local, and the
// whole clean-up is one undoable step). Pure: shared by `source.fixAll` and "clean this page".
import type { Finding, TextEdit } from '../analysis/types';
import { applyEdits, splitLines } from '../analysis/text';
import { safeEdits } from '../cli/fix';

/**
 * Passes before giving up. A fix can expose another (joining a wrapped line reveals a CJK space);
 * on the seed pages the text is stable after 2–3 passes, so 10 only bounds a rule that keeps
 * undoing another rule's fix.
 */
const MAX_PASSES = 10;

export interface FixAllResult {
  text: string;
  /** Edits turning the original text into `text`, non-overlapping, in document order. */
  edits: TextEdit[];
  /** Safe fixes applied over all passes. */
  applied: number;
}

export function fixAll(text: string, findingsOf: (text: string) => Finding[]): FixAllResult {
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const { lines, eol } = splitLines(current);
    // The CLI's selection (cli/fix.ts): the same fixes are taken by `jiaodui fix` and in the editor.
    const { edits, fixes } = safeEdits(current, findingsOf(current), lines, eol);
    if (!fixes) break;
    const next = applyEdits(current, edits, lines);
    if (next === current) break;
    current = next;
    applied += fixes;
  }
  return { text: current, edits: lineDiff(text, current), applied };
}

/** Lines with their terminators; the last may have none. */
function pieces(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/**
 * Largest middle section (lines × lines) diffed exactly; beyond it the changed middle becomes one
 * edit. 4M cells is ~30 ms and covers pages of 2,000 lines.
 */
const MAX_DIFF_CELLS = 4_000_000;

/** Line-level edits from `a` to `b`: common prefix and suffix kept, changed hunks replaced. */
export function lineDiff(a: string, b: string): TextEdit[] {
  if (a === b) return [];
  const A = pieces(a), B = pieces(b);
  let pre = 0;
  while (pre < A.length && pre < B.length && A[pre] === B[pre]) pre++;
  let suf = 0;
  while (suf < A.length - pre && suf < B.length - pre && A[A.length - 1 - suf] === B[B.length - 1 - suf]) suf++;
  const aMid = A.slice(pre, A.length - suf), bMid = B.slice(pre, B.length - suf);
  const hunks: { a0: number; a1: number; b0: number; b1: number }[] = [];
  if (aMid.length * bMid.length > MAX_DIFF_CELLS) hunks.push({ a0: 0, a1: aMid.length, b0: 0, b1: bMid.length });
  else hunks.push(...lcsHunks(aMid, bMid));
  const endPos = { line: A.filter(p => /[\r\n]$/.test(p)).length, character: /[\r\n]$/.test(a) || !A.length ? 0 : A[A.length - 1].length };
  const pos = (i: number) => (pre + i < A.length ? { line: pre + i, character: 0 } : endPos);
  return hunks.map(h => ({ range: { start: pos(h.a0), end: pos(h.a1) }, newText: bMid.slice(h.b0, h.b1).join('') }));
}

function lcsHunks(A: string[], B: string[]): { a0: number; a1: number; b0: number; b1: number }[] {
  const n = A.length, m = B.length;
  // dp[i][j] = LCS length of A[i..] and B[j..], in one flat array.
  const dp = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * (m + 1) + j] = A[i] === B[j] ? dp[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(dp[(i + 1) * (m + 1) + j], dp[i * (m + 1) + j + 1]);
    }
  }
  const hunks: { a0: number; a1: number; b0: number; b1: number }[] = [];
  let i = 0, j = 0;
  let open: { a0: number; b0: number } | undefined;
  const close = () => { if (open) { hunks.push({ a0: open.a0, a1: i, b0: open.b0, b1: j }); open = undefined; } };
  while (i < n || j < m) {
    if (i < n && j < m && A[i] === B[j]) { close(); i++; j++; continue; }
    open ??= { a0: i, b0: j };
    if (j < m && (i >= n || dp[i * (m + 1) + j + 1] >= dp[(i + 1) * (m + 1) + j])) j++; else i++;
  }
  close();
  return hunks;
}
