// Fix-all, the one loop behind `jiaodui fix` and the editor's "Clean this page" / source.fixAll:
// apply every safe fix, analyse again, repeat until nothing changes. Pure (no fs, no LSP): the
// front ends pass the analysis to use (`findingsOf`) and take either the fixed text (CLI) or
// line-level edits against the original (editor: cursors and undo history stay local, and the
// whole clean-up is one undoable step).
//
// Fix-all applies only what the editor was shown. The first round takes the safe fixes of the
// page's own diagnostics. A later round sees text that no one has looked at (joining a wrapped line
// can put two equal characters side by side, a paired quote can change how a name segments), so
// it takes a fix only when
//   - its rule reported a safe fix on the original page (the kinds the editor was shown), and
//   - every content character it deletes or replaces was pointed at by a diagnostic of the
//     original page, or was put there by an earlier fix.
// Whitespace and punctuation a later round joins or converts stay free: that is what the
// mechanical rules were shown doing.
import type { Analysis, AnalysisOptions } from './analyze';
import { isAsciiAlnum, isHan } from '../core/charclass';
import { analyzeDocument } from './pieced';
import { offsetAt, splitLines } from '../core/text';
import type { Finding, Fix, RuleId, TextEdit } from '../core/types';

/**
 * Rounds before giving up. A fix can uncover another (joining a wrapped line reveals a `5月 16日`
 * space that sat across the break); every page seen settles in two or three, so the bound only
 * guarantees termination should two rules ever undo each other.
 */
export const MAX_FIX_PASSES = 6;

export interface FixResult {
  text: string;
  /** Edits turning the original text into `text`, whole lines, non-overlapping, in document order. */
  edits: TextEdit[];
  /** Safe fixes applied over all rounds. */
  applied: number;
  /** Rounds that applied at least one fix. */
  passes: number;
  /** False when the loop stopped at MAX_FIX_PASSES with fixes still to apply. */
  stable: boolean;
}

interface Span { start: number; end: number }
interface Candidate { finding: Finding; rule: RuleId; fix: Fix; spans: Span[] }

/** One edit fix-all made: which rule's fix, in which round, what it took out and put in. */
export interface AppliedEdit { round: number; rule: RuleId; title: string; message: string; removed: string; inserted: string }

export interface FixOptions {
  maxPasses?: number;
  /** Told of every edit as it is applied (tests trace fix-all with it). */
  onEdit?: (edit: AppliedEdit) => void;
}

export function fixPage(original: string, findingsOf: (text: string) => readonly Finding[], options: FixOptions = {}): FixResult {
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  let text = original;
  let applied = 0, passes = 0;
  // origin[i]: where character i of `text` stands in the original, or -1 when a fix wrote it.
  let origin: Int32Array | undefined;
  let shownRules: ReadonlySet<RuleId> = new Set();
  let pointedAt: Uint8Array = new Uint8Array(0);
  for (let round = 0; round < maxPasses; round++) {
    const findings = findingsOf(text);
    const { lines, eol } = splitLines(text);
    if (round === 0) {
      shownRules = new Set(findings.filter(f => pickSafe(f.fixes)).map(f => f.rule));
      pointedAt = coverage(text, findings, lines);
    }
    const allowed = round === 0 ? undefined : (c: Candidate) => shownRules.has(c.rule) && touchesOnlyShown(text, c.spans, origin!, pointedAt);
    const chosen = chooseSafe(findings, lines, allowed);
    if (!chosen.length) return { text, edits: lineDiff(original, text), applied, passes, stable: true };
    const edits = chosen.flatMap(c => c.fix.edits.map((e, i) => ({ ...c.spans[i], text: eol === '\r\n' ? e.newText.replace(/\r?\n/g, '\r\n') : e.newText })));
    if (options.onEdit) {
      for (const c of chosen) {
        c.spans.forEach((span, i) => options.onEdit!({ round, rule: c.rule, title: c.fix.title, message: c.finding.message, removed: text.slice(span.start, span.end), inserted: c.fix.edits[i].newText }));
      }
    }
    const next = apply(text, edits, origin ?? identity(text.length));
    if (next.text === text) return { text, edits: lineDiff(original, text), applied, passes, stable: true };
    text = next.text;
    origin = next.origin;
    applied += chosen.length;
    passes++;
  }
  return { text, edits: lineDiff(original, text), applied, passes, stable: false };
}

/**
 * The edits of every finding's first safe fix, skipping whole fixes that would overlap one
 * already chosen (the next round sees them again on the updated text). A fix is taken or left as
 * a unit: half of a join would leave the page worse than either state.
 */
function chooseSafe(findings: readonly Finding[], lines: ReturnType<typeof splitLines>['lines'], allowed?: (c: Candidate) => boolean): Candidate[] {
  const taken: Span[] = [];
  const chosen: Candidate[] = [];
  for (const f of findings) {
    const fix = pickSafe(f.fixes);
    if (!fix || !fix.edits.length) continue;
    const spans = fix.edits.map(e => ({ start: offsetAt(lines, e.range.start), end: offsetAt(lines, e.range.end) }));
    if (spans.some((s, i) => s.end < s.start || spans.some((o, j) => j < i && overlaps(s, o)) || taken.some(t => overlaps(s, t)))) continue;
    const candidate = { finding: f, rule: f.rule, fix, spans };
    if (allowed && !allowed(candidate)) continue;
    taken.push(...spans);
    chosen.push(candidate);
  }
  return chosen;
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

/** Content: what a reader reads — Han characters, Latin letters and digits (not spaces, not punctuation). */
function isContent(c: number): boolean {
  return isHan(c) || isAsciiAlnum(c) || (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

/** Which characters of the original page some diagnostic's range covers. */
function coverage(text: string, findings: readonly Finding[], lines: ReturnType<typeof splitLines>['lines']): Uint8Array {
  const covered = new Uint8Array(text.length);
  for (const f of findings) covered.fill(1, offsetAt(lines, f.range.start), offsetAt(lines, f.range.end));
  return covered;
}

/** Whether every content character the spans remove was written by a fix or pointed at on the original page. */
function touchesOnlyShown(text: string, spans: readonly Span[], origin: Int32Array, pointedAt: Uint8Array): boolean {
  for (const s of spans) {
    for (let i = s.start; i < s.end; i++) {
      if (!isContent(text.charCodeAt(i))) continue;
      const o = origin[i];
      if (o >= 0 && !pointedAt[o]) return false;
    }
  }
  return true;
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Applies non-overlapping offset edits, carrying each kept character's origin along. */
function apply(text: string, edits: { start: number; end: number; text: string }[], origin: Int32Array): { text: string; origin: Int32Array } {
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  const parts: Int32Array[] = [];
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.text;
    parts.push(origin.subarray(at, e.start), new Int32Array(e.text.length).fill(-1));
    at = e.end;
  }
  out += text.slice(at);
  parts.push(origin.subarray(at));
  const next = new Int32Array(out.length);
  let k = 0;
  for (const p of parts) { next.set(p, k); k += p.length; }
  return { text: out, origin: next };
}

// ---- the edits an editor applies ----------------------------------------------------------

/** Lines with their terminators; the last may have none. */
function linePieces(text: string): string[] {
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
  const A = linePieces(a), B = linePieces(b);
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

/**
 * Fix-all of a document's text as the command line runs it: each round analysed as the editor
 * analyses a page (pieced.ts: a long page in pieces, each round re-analysing only the pieces the
 * previous round changed).
 */
export function fixDocument(text: string, options: Omit<AnalysisOptions, 'entities' | 'previous'> = {}, fixOptions: FixOptions = {}): FixResult {
  let previous: Analysis | undefined;
  return fixPage(text, t => (previous = analyzeDocument(t, { ...options, entities: false, previous })).findings, fixOptions);
}
