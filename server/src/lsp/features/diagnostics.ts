// Findings as LSP diagnostics: code = rule id, a link to the rule's page under docs/rules/,
// source `jiaodui`. Ranges already follow LSP conventions (see core/types.ts).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CodeDescription, Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Line } from '../../page/model';
import type { Finding, Range, RuleId, Severity } from '../../core/types';

export const SOURCE = 'jiaodui';

const severity: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const docUris = new Map<string, string>();
/** Rule documentation ships with the extension: docs/rules/<id>.md next to dist/. */
const DOCS_ROOT = path.join(__dirname, '..', 'docs', 'rules');

/**
 * Rule documentation ships with the extension (docs/rules/<id>.md next to dist/), so the link
 * works offline and opens in the editor itself.
 */
export function ruleDocUri(rule: RuleId, docsRoot = DOCS_ROOT): string {
  // Memoised: a page has hundreds of diagnostics and the URL conversion costs ~3 ms per keystroke.
  const key = `${docsRoot}\0${rule}`;
  let uri = docUris.get(key);
  if (uri === undefined) docUris.set(key, (uri = pathToFileURL(path.join(docsRoot, `${rule}.md`)).href));
  return uri;
}

/** Diagnostic code of the degraded-analysis notice (it is no rule's finding). */
export const DEGRADED_CODE = 'degraded';

/**
 * The notice of a degraded analysis (engine/degraded.ts) as one Information diagnostic on the
 * first line: the Problems panel says why this page has only punctuation and spacing findings.
 */
export function noticeDiagnostic(notice: string): Diagnostic {
  return freeze({
    range: frozenRange({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }),
    severity: DiagnosticSeverity.Information,
    code: DEGRADED_CODE,
    source: SOURCE,
    message: notice,
  });
}

/**
 * Diagnostics by finding. A large page's findings keep their objects from one analysis to the
 * next wherever an edit did not move them (engine/pieced.ts), so on a keystroke only the edited
 * piece's diagnostics are made anew — the others, thousands on a 1 MB page, are the same objects.
 */
const diagnostics = new WeakMap<Finding, Diagnostic>();

/**
 * A finding's diagnostic, deep-frozen: the server's stdio encoder (server/src/lsp/stdio.ts) keeps
 * the JSON of frozen diagnostics and sends it again instead of stringifying them on every
 * keystroke. The range is a frozen copy: the finding's own stays the analysis's plain data.
 */
export function toDiagnostic(f: Finding): Diagnostic {
  let d = diagnostics.get(f);
  if (!d) {
    d = freeze({
      range: frozenRange(f.range),
      severity: severity[f.severity],
      code: f.rule,
      codeDescription: codeDescription(f.rule),
      source: SOURCE,
      message: f.message,
    });
    diagnostics.set(f, d);
  }
  return d;
}

const freeze: <T>(o: T) => T = Object.freeze;

/** One frozen link per rule, shared by its diagnostics. */
const codeDescriptions = new Map<RuleId, CodeDescription>();

function codeDescription(rule: RuleId): CodeDescription {
  let c = codeDescriptions.get(rule);
  if (!c) codeDescriptions.set(rule, (c = freeze({ href: ruleDocUri(rule) })));
  return c;
}

function frozenRange({ start, end }: Range): Range {
  return freeze({ start: freeze({ line: start.line, character: start.character }), end: freeze({ line: end.line, character: end.character }) });
}

/**
 * Drops findings that lie inside an occurrence of a word the user told us to ignore
 * (`jiaodui.ignoreWords`): the words also reach the segmenter as user words, but a rule that
 * looks at characters rather than words (duplicate-char on `常常`) would still flag them.
 */
export function dropIgnored(findings: Finding[], lines: readonly Line[], ignoreWords: readonly string[]): Finding[] {
  if (!ignoreWords.length) return findings;
  return findings.filter(f => {
    const { start, end } = f.range;
    if (start.line !== end.line) return true;
    const text = lines[start.line]?.text ?? '';
    for (const w of ignoreWords) {
      for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
        if (at <= start.character && end.character <= at + w.length) return false;
      }
    }
    return true;
  });
}

/** Same finding as a diagnostic the client sent back (code actions match them this way). */
export function sameFinding(f: Finding, d: Diagnostic): boolean {
  return d.source === SOURCE && d.code === f.rule
    && d.range.start.line === f.range.start.line && d.range.start.character === f.range.start.character
    && d.range.end.line === f.range.end.line && d.range.end.character === f.range.end.character;
}

/**
 * What "clean this page" repairs and what is left to an editor's judgement: findings with a safe
 * fix (counted per rule, for the summary's "punctuation, spaces, line breaks") and the others.
 * Hints are left out of both (the Problems panel does not list them).
 */
export function fixableSummary(findings: readonly Finding[]): { fixable: number; byRule: Partial<Record<RuleId, number>>; manual: number } {
  let fixable = 0, manual = 0;
  const byRule: Partial<Record<RuleId, number>> = {};
  for (const f of findings) {
    if (f.severity === 'hint') continue;
    if (f.fixes.some(x => x.safe)) {
      fixable++;
      byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    } else manual++;
  }
  return { fixable, byRule, manual };
}
