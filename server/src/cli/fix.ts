// Fix-all: apply every safe fix, re-analyse, repeat until nothing changes. Pure (no fs), so the
// language server's `source.fixAll` can run the very same loop.
import { analyze, type AnalysisOptions } from '../analysis/analyze';
import { applyEdits, offsetAt, splitLines } from '../analysis/text';
import type { Finding, Fix, TextEdit } from '../analysis/types';

export interface FixAllOptions extends Omit<AnalysisOptions, 'entities'> {
  /**
   * Upper bound on analyse-and-apply rounds. A fix can uncover another (joining a wrapped line
   * reveals a `5月 16日` space that sat across the break); five rounds settle every page we have
   * seen in two, and the bound guarantees termination should two rules ever disagree.
   */
  maxPasses?: number;
}

export interface FixAllResult {
  text: string;
  /** Fixes applied over all rounds. */
  applied: number;
  /** Rounds that applied at least one fix. */
  passes: number;
  /** True when the last round found nothing left to apply (false: stopped at maxPasses). */
  stable: boolean;
}

export function fixAll(text: string, options: FixAllOptions = {}): FixAllResult {
  const maxPasses = options.maxPasses ?? 5;
  let applied = 0, passes = 0;
  for (let round = 0; round < maxPasses; round++) {
    const { findings, page } = analyze(text, { ...options, entities: false });
    const edits = safeEdits(text, findings, page.lines, page.eol);
    if (!edits.edits.length) return { text, applied, passes, stable: true };
    const next = applyEdits(text, edits.edits, page.lines);
    if (next === text) return { text, applied, passes, stable: true };
    text = next;
    applied += edits.fixes;
    passes++;
  }
  return { text, applied, passes, stable: false };
}

interface Span { start: number; end: number }

/**
 * The edits of every finding's first safe fix, skipping whole fixes that would overlap one
 * already chosen (the next round sees them again on the updated text). A fix is taken or left as
 * a unit: half of a join would leave the page worse than either state.
 */
export function safeEdits(text: string, findings: readonly Finding[], lines = splitLines(text).lines, eol: '\n' | '\r\n' = '\n'): { edits: TextEdit[]; fixes: number } {
  const taken: Span[] = [];
  const edits: TextEdit[] = [];
  let fixes = 0;
  for (const f of findings) {
    const fix = pickSafe(f.fixes);
    if (!fix || !fix.edits.length) continue;
    const spans = fix.edits.map(e => ({ start: offsetAt(lines, e.range.start), end: offsetAt(lines, e.range.end) }));
    if (spans.some((s, i) => s.end < s.start || spans.some((o, j) => j < i && overlaps(s, o)) || taken.some(t => overlaps(s, t)))) continue;
    taken.push(...spans);
    for (const e of fix.edits) edits.push(eol === '\r\n' ? { range: e.range, newText: e.newText.replace(/\r?\n/g, '\r\n') } : e);
    fixes++;
  }
  return { edits, fixes };
}

function pickSafe(fixes: readonly Fix[]): Fix | undefined {
  return fixes.find(f => f.safe && f.preferred) ?? fixes.find(f => f.safe);
}

/** Two replacements conflict when they share a character, or both insert at the same point. */
function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}
